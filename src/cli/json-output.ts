import { z } from 'zod';

/**
 * The documented shapes of every --json output. They are a public interface for scripts: the
 * tests check real output against them, so a change here is a deliberate, visible one.
 */

const tally = z.strictObject({ answered: z.number().int(), correct: z.number().int() });

export const validateOutput = z.strictObject({
  valid: z.boolean(),
  strict: z.boolean(),
  files: z.array(z.string()),
  problems: z.array(z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() })),
  /** Cue heuristics for a person to judge (strict runs only); they do not make a bank invalid. */
  warnings: z.array(z.strictObject({ file: z.string(), line: z.number().int(), id: z.string(), message: z.string() })),
  questions: z.number().int(),
  byDomain: z.array(z.strictObject({ domain: z.number().int(), questions: z.number().int() })),
  byType: z.strictObject({ single: z.number().int(), multiple: z.number().int(), ordering: z.number().int(), matching: z.number().int() }),
});

export const domainsOutput = z.strictObject({
  total: z.number().int(),
  domains: z.array(
    z.strictObject({
      id: z.number().int(),
      title: z.string(),
      weight: z.number(),
      questions: z.number().int(),
      tasks: z.array(z.strictObject({ id: z.string(), title: z.string(), questions: z.number().int() })),
    }),
  ),
});

const range = <T extends z.ZodType>(value: T) => z.strictObject({ low: value, high: value });

const area = {
  id: z.string(),
  title: z.string(),
  total: z.number().int(),
  seen: z.number().int(),
  right: z.number().int(),
  accuracy: z.number().nullable(),
  mastered: z.number().int(),
};

/** The readiness model's estimate (src/engine/readiness.ts) for an exam sat on `target`. */
const readiness = z.strictObject({
  target: z.iso.date(),
  answers: z.number().int(),
  /** Expected scaled score, and the 10th-90th percentile range of the simulated exams. */
  expected: z.number().int(),
  range: range(z.number().int()),
  /** Chance of a scaled score of 700 or more. */
  passProbability: z.number().min(0).max(1),
  /** False when a domain has fewer than `minimumAnswers` answers. */
  enoughEvidence: z.boolean(),
  minimumAnswers: z.number().int(),
  domains: z.array(
    z.strictObject({
      domain: z.number().int(),
      answers: z.number().int(),
      questions: z.number().int(),
      /** Expected share right on the domain's exam questions, and its 80% range (0-1). */
      expectedShare: z.number(),
      shareRange: range(z.number()),
      enoughEvidence: z.boolean(),
    }),
  ),
  note: z.string(),
});

/** The plan to exam day (src/progress/plan.ts), once `plan --exam-date` has set one. */
const plan = z.strictObject({
  day: z.iso.date(),
  examDate: z.iso.date(),
  minutesPerDay: z.number().int(),
  /** Negative once the exam day has passed. */
  daysLeft: z.number().int(),
  /** Questions that fit the daily budget at the learner's median time per answer. */
  perDay: z.number().int(),
  /** Today's session: question ids of the due reviews, then of the new questions. */
  today: z.strictObject({ reviews: z.array(z.string()), fresh: z.array(z.string()), reviewsLeft: z.number().int() }),
  streak: z.number().int(),
  pace: z.strictObject({ perDay: z.number().int(), basis: z.enum(['recent', 'planned']) }),
  newPerDay: z.number().int(),
  unseen: z.number().int(),
  /** The day each domain's last unseen question would be met at this pace; null: never. */
  coverage: z.array(z.strictObject({ domain: z.number().int(), unseen: z.number().int(), coveredBy: z.iso.date().nullable() })),
  /** The readiness projected for the exam day at this pace. */
  projected: readiness,
  warnings: z.array(z.string()),
});

export const statsOutput = z.strictObject({
  readiness,
  /** Null until an exam day is set with `plan --exam-date`. */
  plan: plan.nullable(),
  domains: z.array(z.strictObject({ ...area, tasks: z.array(z.strictObject(area)) })),
  weakObjectives: z.array(z.strictObject({ objective: z.string(), answered: z.number().int(), right: z.number().int(), accuracy: z.number() })),
  commonMistakes: z.array(z.strictObject({ question: z.string(), picked: z.string(), correct: z.string(), times: z.number().int() })),
  leeches: z.array(z.strictObject({ question: z.string(), misses: z.number().int(), reference: z.string() })),
  calibration: z.strictObject({ sure: tally, unsure: tally, guessed: tally, luckyGuesses: z.number().int() }),
  pacing: z.strictObject({ medianSeconds: z.number().nullable(), budgetSeconds: z.number() }),
  days: z.array(z.strictObject({ date: z.string(), answered: z.number().int(), correct: z.number().int() })),
  exams: z.array(
    z.strictObject({
      at: z.string(),
      scaled: z.number().int(),
      passed: z.boolean(),
      correct: z.number().int(),
      total: z.number().int(),
      /** What the readiness model predicted when the exam started; null for exams before it was recorded. */
      predicted: z.strictObject({ expected: z.number().int(), low: z.number().int(), high: z.number().int(), passProbability: z.number() }).nullable(),
    }),
  ),
  dueForecast: z.array(z.strictObject({ date: z.string(), due: z.number().int() })),
});

export const examHistoryOutput = z.strictObject({
  exams: z.array(
    z.strictObject({
      at: z.string(),
      seed: z.number().int(),
      total: z.number().int(),
      correct: z.number().int(),
      answered: z.number().int(),
      scaled: z.number().int(),
      passed: z.boolean(),
      limitMinutes: z.number(),
      secondsUsed: z.number(),
      timedOut: z.boolean(),
      byDomain: z.array(z.strictObject({ domain: z.number().int(), total: z.number().int(), correct: z.number().int(), seconds: z.number() })),
    }),
  ),
});
