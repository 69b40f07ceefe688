import { z } from 'zod';
import { emptyRecord } from './records.js';
import { PROGRESS_VERSION } from './schema-format.js';

export { emptyProgress, HISTORY_LIMIT, PROGRESS_VERSION } from './schema-format.js';

/**
 * The progress file. Version 2 keeps a small state per question (counts, the FSRS card, the
 * wrong options picked), a bounded recent history and a per-day tally, so that it stays small
 * and quick to save after months of study. Version 1 (every attempt forever) is migrated.
 *
 * This zod schema is the definition of the format (and of its types). The store checks files
 * with schema-check.ts, which accepts exactly the same without loading zod.
 */

export const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single'), choice: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(z.number().int().min(0)) }),
  z.strictObject({ type: z.literal('ordering'), order: z.array(z.number().int().min(0)) }),
  z.strictObject({ type: z.literal('matching'), picks: z.array(z.string()) }),
]);

export const confidenceSchema = z.enum(['sure', 'unsure', 'guessed']);
export const modeSchema = z.enum(['practice', 'review', 'exam']);

export const attemptSchema = z.strictObject({
  /** Question id. */
  id: z.string().min(1),
  /** When the answer was given, ISO 8601. */
  at: z.iso.datetime(),
  /** Absent when a mock exam ended with the question unanswered (scored as wrong). */
  answer: answerSchema.optional(),
  correct: z.boolean(),
  seconds: z.number().min(0),
  mode: modeSchema,
  confidence: confidenceSchema.optional(),
});

export const cardSchema = z.strictObject({
  due: z.iso.datetime(),
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  learning_steps: z.number().int(),
  state: z.number().int(),
  last_review: z.iso.datetime().optional(),
});

/** What is known about one question. */
export const questionStateSchema = z.strictObject({
  attempts: z.number().int().min(0),
  wrong: z.number().int().min(0),
  lastAt: z.iso.datetime(),
  lastCorrect: z.boolean(),
  lastConfidence: confidenceSchema.optional(),
  /** When the latest wrong answer was given: the review list is ordered by it. */
  lastWrongAt: z.iso.datetime().optional(),
  card: cardSchema,
  /** Wrong option texts picked, with how often (single and multiple questions). */
  wrongPicks: nullRecord(z.string(), z.number().int().min(1)).optional(),
});

/** A readiness estimate as recorded: expected scaled score, its 80% range and the chance of 700. */
export const predictionSchema = z.strictObject({
  expected: z.number().int().min(100).max(1000),
  low: z.number().int().min(100).max(1000),
  high: z.number().int().min(100).max(1000),
  passProbability: z.number().min(0).max(1),
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
  /** When the exam was started: tells a leftover exam.json of an exam already recorded apart from an unfinished one. */
  startedAt: z.iso.datetime().optional(),
  /** The answer given to each of `questionIds` (null when unanswered), so a past exam can be walked through again. */
  answers: z.array(answerSchema.nullable()).optional(),
  /** The questions flagged for review when the exam was submitted. */
  flags: z.array(z.string()).optional(),
  /** What the readiness model predicted when the exam started, to compare with the result. */
  prediction: predictionSchema.optional(),
});

const tallySchema = z.strictObject({ answered: z.number().int().min(0), correct: z.number().int().min(0) });

export const settingsSchema = z.strictObject({
  /** Ask "sure / unsure / guessed" after each answer in practice and review. */
  confidence: z.boolean(),
  /** The planned exam day (YYYY-MM-DD), set with `aif-quiz plan`. */
  examDate: z.iso.date().optional(),
  /** The daily study budget in minutes, set with `aif-quiz plan`. */
  minutesPerDay: z.number().int().min(1).max(600).optional(),
});

export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  questions: nullRecord(z.string().min(1), questionStateSchema),
  /** The latest attempts, oldest first, at most HISTORY_LIMIT. */
  history: z.array(attemptSchema),
  /** Answers per calendar day (UTC), for the chart over time. */
  days: nullRecord(z.string(), tallySchema),
  /** Right and wrong answers per stated confidence, over all time. */
  calibration: z.partialRecord(confidenceSchema, tallySchema),
  exams: z.array(examRecordSchema),
  settings: settingsSchema,
});

/** The first format: every attempt kept forever. Read only, to migrate it. */
export const progressV1Schema = z.strictObject({
  version: z.literal(1),
  attempts: z.array(attemptSchema),
  exams: z.array(examRecordSchema).default([]),
});

export type Attempt = z.infer<typeof attemptSchema>;
export type ExamRecord = z.infer<typeof examRecordSchema>;
export type QuestionState = z.infer<typeof questionStateSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type ProgressV1 = z.infer<typeof progressV1Schema>;
export type Confidence = z.infer<typeof confidenceSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Prediction = z.infer<typeof predictionSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * zod's own record assigns into a plain object, which drops a `__proto__` key; this one checks
 * each key and value and builds a null-prototype object, so every key read from disk survives.
 */
function nullRecord<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V) {
  return z
    .custom<Record<string, unknown>>(isPlainObject, { message: 'must be an object' })
    .transform((input, ctx) => {
      const out = emptyRecord<z.output<V>>();
      for (const [k, v] of Object.entries(input)) {
        const checkedKey = key.safeParse(k);
        const checked = value.safeParse(v);
        const issues = [...(checkedKey.error?.issues ?? []), ...(checked.error?.issues ?? [])];
        if (issues.length > 0) {
          for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [k, ...issue.path] });
          return z.NEVER;
        }
        out[k] = checked.data as z.output<V>;
      }
      return out;
    });
}
