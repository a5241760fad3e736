import { z } from 'zod';

/** The text a citation group supports, with its section and position. */
export const ClaimSchema = z.object({
  id: z.string(),
  text: z.string(),
  section: z.string().nullable(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
  citationIds: z.array(z.string()),
});
export type Claim = z.infer<typeof ClaimSchema>;
