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
  /** Absent when a mock exam ended with the question unanswered (scored as wrong). */
  answer: answerSchema.optional(),
  correct: z.boolean(),
  seconds: z.number().min(0),
  mode: z.enum(['practice', 'review', 'exam']),
});

/** One finished mock exam, for the history and for preferring unseen questions next time. */
export const examRecordSchema = z.strictObject({
  at: z.iso.datetime(),
  seed: z.number().int().min(0),
  total: z.number().int().min(0),
  correct: z.number().int().min(0),
  answered: z.number().int().min(0),
  scaled: z.number().int().min(100).max(1000),
  passed: z.boolean(),
  limitMinutes: z.number().positive(),
  secondsUsed: z.number().min(0),
  timedOut: z.boolean(),
  byDomain: z.array(
    z.strictObject({ domain: z.number().int(), total: z.number().int(), correct: z.number().int(), seconds: z.number().min(0) }),
  ),
  questionIds: z.array(z.string()),
});

export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  attempts: z.array(attemptSchema),
  exams: z.array(examRecordSchema).default([]),
});

export type Attempt = z.infer<typeof attemptSchema>;
export type ExamRecord = z.infer<typeof examRecordSchema>;
export type Progress = z.infer<typeof progressSchema>;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, attempts: [], exams: [] };
}
