import { z } from 'zod';
import { ConfigSchema } from '../model/config.js';

/** The schema under `.default()`, `.optional()` and `.nullable()`. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

/**
 * Every key a config file may set, dotted, nested objects flattened and the entries of a
 * record of objects written `*` (`check.hosts.*.concurrency`). The docs are checked against it.
 */
export function listConfigKeys(schema: z.ZodType = ConfigSchema, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([name, child]) =>
      listConfigKeys(child, prefix ? `${prefix}.${name}` : name),
    );
  }
  if (inner instanceof z.ZodRecord && unwrap(inner.valueType as z.ZodType) instanceof z.ZodObject) {
    return [prefix, ...listConfigKeys(inner.valueType as z.ZodType, `${prefix}.*`)];
  }
  return [prefix];
}

/** The keys allowed in the object at `path` (record entries included), for "did you mean". */
export function knownKeysAt(path: readonly PropertyKey[], schema: z.ZodType = ConfigSchema): string[] {
  let node = unwrap(schema);
  for (const segment of path) {
    if (node instanceof z.ZodObject) {
      const child = (node.shape as Record<string, z.ZodType>)[String(segment)];
      if (!child) return [];
      node = unwrap(child);
    } else if (node instanceof z.ZodRecord) {
      node = unwrap(node.valueType as z.ZodType);
    } else {
      return [];
    }
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}
