/** Every key optional at every depth; `undefined` means "this layer does not set it". */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges config layers, later ones winning. Objects (sections, `hosts`, `headers`) merge key
 * by key; arrays and scalars are replaced whole, so `--exclude` replaces the file's list
 * rather than appending to it. `undefined` never overrides.
 */
export function mergeLayers(...layers: readonly unknown[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeLayers(merged[key], value) : value;
    }
  }
  return merged;
}

export function setAtPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = isPlainObject(target[head]) ? target[head] : {};
  target[head] = child;
  setAtPath(child, rest, value);
}
