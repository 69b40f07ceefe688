import { z } from 'zod';

/**
 * The progress file. It is versioned so that later formats can migrate it; version 1 keeps every
 * answer as an attempt, the record everything else is derived from.
 */
export const PROGRESS_VERSION = 1;

export const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single'), choice: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(z.number().int().min(0)) }),
  z.strictObject({ type: z.literal('ordering'), order: z.array(z.number().int().min(0)) }),
  z.strictObject({ type: z.literal('matching'), picks: z.array(z.string()) }),
]);

export const attemptSchema = z.strictObject({
  /** Question id. */
  id: z.string().min(1),
  /** When the answer was given, ISO 8601. */
  at: z.iso.datetime(),
  answer: answerSchema,
  correct: z.boolean(),
  seconds: z.number().min(0),
  mode: z.enum(['practice', 'review']),
});

export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  attempts: z.array(attemptSchema),
});

export type Attempt = z.infer<typeof attemptSchema>;
export type Progress = z.infer<typeof progressSchema>;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, attempts: [] };
}
