import { z } from 'zod';
import { bankFileSchema } from './schema.js';

/** The bank schema as JSON Schema, for editors (yaml-language-server) and other tools. */
export function bankJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(bankFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'aif-quiz question bank',
  };
}
