import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OutputError } from '../../errors.js';
import { generateJsonSchemas } from '../../model/json-schema.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';

/** The committed form of a schema file: stable key order from the generator, two-space indent, final newline. */
export function serializeJsonSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'citecheck schema [--write <dir>]',
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, { write: { type: 'string' } });
    const schemas = generateJsonSchemas();
    if (values.write === undefined) {
      ctx.stdout.write(serializeJsonSchema(schemas));
      return EXIT.ok;
    }
    const directory = resolve(ctx.cwd, values.write);
    try {
      await mkdir(directory, { recursive: true });
      for (const [fileName, schema] of Object.entries(schemas)) {
        await writeFile(join(directory, fileName), serializeJsonSchema(schema));
        ctx.stdout.write(`wrote ${join(values.write, fileName)}\n`);
      }
    } catch (error) {
      throw new OutputError(`cannot write schemas to ${values.write}: ${(error as Error).message}`, { cause: error });
    }
    return EXIT.ok;
  },
};
