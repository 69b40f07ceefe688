import { emptyRecord } from './records.js';
import type { Progress, ProgressV1 } from './schema.js';

/**
 * The progress file checked against the schema of schema.ts without zod, so that a practice
 * session neither loads zod (half a megabyte of code and its compiled schemas, about 10 MB of
 * memory) nor pays for a zod parse of a thousand question states at start-up and whenever
 * another session saved. It accepts exactly what progressSchema and progressV1Schema accept
 * (test/unit/schema-check.test.ts compares the two on generated files, and the patterns with
 * zod's own) and builds the same output: records keyed by bank text or dates are
 * null-prototype objects. A file it rejects is never used, and the message names the field.
 */

type Path = readonly (string | number)[];

export class ShapeError extends Error {
  constructor(
    readonly at: Path,
    message: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** Checks a value at a path and returns what the schema's parse returns for it, or throws ShapeError. */
type Shape<T = unknown> = (value: unknown, at: Path) => T;

/** zod's z.iso.datetime() (only Z, any fraction of a second) and z.iso.date(), as zod builds them. */
export const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;
export const DATE =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))$/;

function fail(at: Path, message: string): never {
  throw new ShapeError(at, message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const number =
  ({ min, max, positive, int }: { min?: number; max?: number; positive?: boolean; int?: boolean } = {}): Shape<number> =>
  (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(at, 'expected a number');
    if (int && !Number.isSafeInteger(v)) fail(at, 'expected a whole number');
    if (min !== undefined && v < min) fail(at, `expected at least ${min}`);
    if (max !== undefined && v > max) fail(at, `expected at most ${max}`);
    if (positive && v <= 0) fail(at, 'expected a number above 0');
    return v;
  };
const int = (min?: number, max?: number) => number({ int: true, ...(min !== undefined && { min }), ...(max !== undefined && { max }) });

const string =
  (min = 0): Shape<string> =>
  (v, at) => {
    if (typeof v !== 'string') fail(at, 'expected a text');
    if (v.length < min) fail(at, 'expected a text that is not empty');
    return v;
  };

const pattern =
  (regex: RegExp, what: string): Shape<string> =>
  (v, at) => {
    if (typeof v !== 'string' || !regex.test(v)) fail(at, `expected ${what}`);
    return v;
  };
const datetime = pattern(DATETIME, 'an ISO date and time such as 2026-12-02T10:00:00.000Z');
const date = pattern(DATE, 'a date such as 2026-12-02');

const boolean: Shape<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'expected true or false'));

const oneOf =
  <T>(values: readonly T[]): Shape<T> =>
  (v, at) =>
    values.includes(v as T) ? (v as T) : fail(at, `expected one of: ${values.map(String).join(', ')}`);

const list =
  <T>(item: Shape<T>): Shape<T[]> =>
  (v, at) => {
    if (!Array.isArray(v)) fail(at, 'expected a list');
    for (let i = 0; i < v.length; i++) {
      const out = item(v[i], [...at, i]);
      if (out !== v[i]) v[i] = out;
    }
    return v as T[];
  };

const nullable =
  <T>(inner: Shape<T>): Shape<T | null> =>
  (v, at) =>
    v === null ? null : inner(v, at);

/** A field of a strict object: required unless optional; any field not listed is an error. */
interface Field {
  readonly shape: Shape;
  readonly optional?: boolean;
}
const optional = (shape: Shape): Field => ({ shape, optional: true });

function strictObject(fields: Readonly<Record<string, Shape | Field>>): Shape<Record<string, unknown>> {
  const spec = new Map(Object.entries(fields).map(([k, f]) => [k, typeof f === 'function' ? { shape: f } : f] as const));
  return (v, at) => {
    if (!isPlainObject(v)) fail(at, 'expected an object');
    for (const key of Object.keys(v)) if (!spec.has(key)) fail([...at, key], `unknown field "${key}"`);
    for (const [key, field] of spec) {
      const present = Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined;
      if (!present) {
        if (field.optional) continue;
        fail([...at, key], 'is missing');
      }
      const out = field.shape(v[key], [...at, key]);
      if (out !== v[key]) v[key] = out;
    }
    return v;
  };
}

/** nullRecord of records.ts: every key and value checked, the result a null-prototype object. */
const nullRecord =
  <T>(key: Shape<string>, value: Shape<T>): Shape<Record<string, T>> =>
  (v, at) => {
    if (!isPlainObject(v)) fail(at, 'must be an object');
    const out = emptyRecord<T>();
    for (const k of Object.keys(v)) {
      key(k, [...at, k]);
      out[k] = value(v[k], [...at, k]);
    }
    return out;
  };

/** zod's partialRecord of an enum: a plain object whose keys are all from the enum. */
const partialRecord =
  <T>(keys: readonly string[], value: Shape<T>): Shape<Partial<Record<string, T>>> =>
  (v, at) => {
    if (!isPlainObject(v)) fail(at, 'expected an object');
    const out: Partial<Record<string, T>> = {};
    for (const k of Object.keys(v)) {
      // zod's record passes over a "__proto__" key (only a hand edit could write one); so does this.
      if (k === '__proto__') continue;
      if (!keys.includes(k)) fail([...at, k], `expected one of: ${keys.join(', ')}`);
      out[k] = value(v[k], [...at, k]);
    }
    return out;
  };

const natural = int(0);
const answer: Shape = (() => {
  const byType: Record<string, Shape> = {
    single: strictObject({ type: oneOf(['single']), choice: natural }),
    multiple: strictObject({ type: oneOf(['multiple']), choices: list(natural) }),
    ordering: strictObject({ type: oneOf(['ordering']), order: list(natural) }),
    matching: strictObject({ type: oneOf(['matching']), picks: list(string()) }),
  };
  return (v, at) => {
    const type = isPlainObject(v) ? v.type : undefined;
    const shape = typeof type === 'string' && Object.prototype.hasOwnProperty.call(byType, type) ? byType[type]! : undefined;
    if (!shape) fail(isPlainObject(v) ? [...at, 'type'] : at, 'expected an answer of type single, multiple, ordering or matching');
    return shape(v, at);
  };
})();

const confidence = oneOf(['sure', 'unsure', 'guessed']);

const attempt = strictObject({
  id: string(1),
  at: datetime,
  answer: optional(answer),
  correct: boolean,
  seconds: number({ min: 0 }),
  mode: oneOf(['practice', 'review', 'exam']),
  confidence: optional(confidence),
});

const card = strictObject({
  due: datetime,
  stability: number(),
  difficulty: number(),
  elapsed_days: number(),
  scheduled_days: number(),
  reps: int(),
  lapses: int(),
  learning_steps: int(),
  state: int(),
  last_review: optional(datetime),
});

const questionState = strictObject({
  attempts: natural,
  wrong: natural,
  lastAt: datetime,
  lastCorrect: boolean,
  lastConfidence: optional(confidence),
  lastWrongAt: optional(datetime),
  card,
  wrongPicks: optional(nullRecord(string(), int(1))),
});

const tally = strictObject({ answered: natural, correct: natural });

const examRecord = strictObject({
  at: datetime,
  seed: natural,
  total: natural,
  correct: natural,
  answered: natural,
  scaled: int(100, 1000),
  passed: boolean,
  limitMinutes: number({ positive: true }),
  secondsUsed: number({ min: 0 }),
  timedOut: boolean,
  byDomain: list(strictObject({ domain: int(), total: int(), correct: int(), seconds: number({ min: 0 }) })),
  questionIds: list(string()),
  startedAt: optional(datetime),
  answers: optional(list(nullable(answer))),
  flags: optional(list(string())),
  prediction: optional(
    strictObject({ expected: int(100, 1000), low: int(100, 1000), high: int(100, 1000), passProbability: number({ min: 0, max: 1 }) }),
  ),
});

const progressV2 = strictObject({
  version: oneOf([2]),
  questions: nullRecord(string(1), questionState),
  history: list(attempt),
  days: nullRecord(string(), tally),
  calibration: partialRecord(['sure', 'unsure', 'guessed'], tally),
  exams: list(examRecord),
  settings: strictObject({
    confidence: boolean,
    examDate: optional(date),
    minutesPerDay: optional(int(1, 600)),
  }),
});

const progressV1Shape: Shape = (v, at) => {
  // exams defaults to an empty list, as in progressV1Schema.
  if (isPlainObject(v) && (!Object.prototype.hasOwnProperty.call(v, 'exams') || v.exams === undefined)) v.exams = [];
  return strictObject({ version: oneOf([1]), attempts: list(attempt), exams: list(examRecord) })(v, at);
};

/**
 * The parsed JSON of a version 2 file as a Progress, or a ShapeError naming the first field that
 * is wrong. The value is taken over: it is changed in place (records become null-prototype).
 */
export function checkProgress(data: unknown): Progress | ShapeError {
  return checked(() => progressV2(data, []) as unknown as Progress);
}

/** The same for a version 1 file, for its migration. */
export function checkProgressV1(data: unknown): ProgressV1 | ShapeError {
  return checked(() => progressV1Shape(data, []) as unknown as ProgressV1);
}

function checked<T>(run: () => T): T | ShapeError {
  try {
    return run();
  } catch (error) {
    if (error instanceof ShapeError) return error;
    throw error;
  }
}
