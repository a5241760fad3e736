import { z } from 'zod';

/** A place in a source document: 1-based line and column, 0-based UTF-16 offset. */
export const PositionSchema = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type Position = z.infer<typeof PositionSchema>;
