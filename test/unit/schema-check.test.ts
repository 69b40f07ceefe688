import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyAttempt, applyExam } from '../../src/progress/apply.js';
import { emptyProgress, progressSchema, progressV1Schema, type Attempt, type Progress } from '../../src/progress/schema.js';
import { checkProgress, checkProgressV1, DATE, DATETIME, ShapeError } from '../../src/progress/schema-check.js';

const attempt = (id: string, n: number): Attempt => ({
  id,
  at: new Date(Date.UTC(2026, 0, 1 + (n % 40), 10, n % 60, 0, n % 1000)).toISOString(),
  ...(n % 11 !== 0 && {
    answer:
      n % 4 === 0 ? { type: 'single', choice: n % 4 }
      : n % 4 === 1 ? { type: 'multiple', choices: [0, n % 5] }
      : n % 4 === 2 ? { type: 'ordering', order: [2, 0, 1] }
      : { type: 'matching', picks: ['A', 'valueOf'] },
  }),
  correct: n % 3 !== 0,
  seconds: 10 + (n % 50) / 4,
  mode: n % 7 === 0 ? 'exam' : n % 5 === 0 ? 'review' : 'practice',
  ...(n % 5 === 1 && { confidence: n % 2 ? ('sure' as const) : ('guessed' as const) }),
});

/** A realistic file: states, history, days, calibration, an exam with a prediction, settings. */
function sample(): Progress {
  const ids = ['q-1', 'q-2', '__proto__', 'constructor', 'valueOf', '10'];
  let p = emptyProgress();
  for (let n = 0; n < 14; n++) p = applyAttempt(p, attempt(ids[n % ids.length]!, n));
  p = applyExam(p, {
    at: '2026-02-01T10:00:00.000Z', seed: 3, total: 2, correct: 1, answered: 2, scaled: 550, passed: false, limitMinutes: 90, secondsUsed: 61.5,
    timedOut: false, byDomain: [{ domain: 1, total: 2, correct: 1, seconds: 61.5 }], questionIds: ['q-1', 'q-2'], startedAt: '2026-02-01T09:00:00.000Z',
    answers: [{ type: 'single', choice: 1 }, null], flags: ['q-2'], prediction: { expected: 600, low: 500, high: 700, passProbability: 0.25 },
  }, [attempt('q-1', 41)], new Map());
  const wrongPicks = Object.assign(Object.create(null) as Record<string, number>, { 'An option': 2, __proto__: 1 });
  p.questions['q-1'] = { ...p.questions['q-1']!, wrongPicks };
  return { ...p, settings: { confidence: false, examDate: '2027-01-20', minutesPerDay: 30 } };
}

const text = JSON.stringify(sample());

/** The value at a path of the parsed file, and every path in it. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}
const allPaths = paths(JSON.parse(text)).filter((p) => p.length > 0);

const replacements: unknown[] = [
  null, true, false, 0, -0, -1, 1, 1.5, 2 ** 53, 100, 1000, 1001, 600, 601, 0.5, 2, '', 'x', 'sure', 'practice', 'single',
  '2026-01-01T00:00:00Z', '2026-02-30T00:00:00.000Z', '2026-01-01T00:00:00+01:00', '2026-01-01', '2026-13-01', [], [0], ['x'], [null], {},
  { type: 'single', choice: 0 }, { type: 'single', choice: -1 }, { type: 'essay' }, { answered: 1, correct: 0 },
];

type Mutation = { kind: 'set'; path: number; value: number } | { kind: 'delete'; path: number } | { kind: 'add'; path: number; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.nat(allPaths.length - 1), value: fc.nat(replacements.length - 1) }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.nat(allPaths.length - 1) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.nat(allPaths.length - 1), key: fc.constantFrom('extra', '__proto__', 'sure', 'type', '2026-01-01', '') }),
);

function mutate(json: string, changes: readonly Mutation[]): string {
  const root = JSON.parse(json) as Record<string, unknown>;
  for (const change of changes) {
    const at = allPaths[change.path]!;
    let parent: unknown = root;
    for (const seg of at.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[seg];
    if (parent === null || typeof parent !== 'object') continue;
    const last = at.at(-1)!;
    const target = parent as Record<string | number, unknown>;
    if (change.kind === 'set') target[last] = structuredClone(replacements[change.value]);
    else if (change.kind === 'delete') {
      if (Array.isArray(target)) target.splice(Number(last), 1);
      else delete target[last];
    } else {
      const inner = target[last];
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) Object.defineProperty(inner, change.key, { value: 1, enumerable: true, configurable: true, writable: true });
    }
  }
  return JSON.stringify(root);
}

function normal(value: unknown): unknown {
  // Compares content and which objects are null-prototype (the records keyed by bank text).
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normal);
  const entries = Object.keys(value).sort().map((k) => [k, normal((value as Record<string, unknown>)[k])]);
  return { nullPrototype: Object.getPrototypeOf(value) === null, entries };
}

describe('the progress file check without zod', () => {
  it('uses the very patterns zod uses for dates and times', () => {
    expect(DATETIME.source).toBe((z.iso.datetime()._zod.def as { pattern: RegExp }).pattern.source);
    expect(DATE.source).toBe((z.iso.date()._zod.def as { pattern: RegExp }).pattern.source);
  });

  it('accepts a real file and gives what the zod schema gives', () => {
    const ours = checkProgress(JSON.parse(text));
    const theirs = progressSchema.parse(JSON.parse(text));
    expect(ours).not.toBeInstanceOf(ShapeError);
    expect(normal(ours)).toEqual(normal(theirs));
    expect(Object.getPrototypeOf((ours as Progress).questions)).toBe(null);
    expect(Object.keys((ours as Progress).questions)).toContain('__proto__');
  });

  it('accepts and rejects exactly what the zod schema does, for every single change of every field', () => {
    const mismatches: string[] = [];
    const compare = (changes: Mutation[]) => {
      const json = mutate(text, changes);
      const theirs = progressSchema.safeParse(JSON.parse(json));
      const ours = checkProgress(JSON.parse(json));
      if ((ours instanceof ShapeError) === theirs.success) mismatches.push(`${JSON.stringify(changes.map((c) => ({ ...c, at: allPaths[c.path] })))}: zod ${theirs.success ? 'accepts' : 'rejects'}`);
    };
    for (let path = 0; path < allPaths.length; path++) {
      compare([{ kind: 'delete', path }]);
      for (const key of ['extra', '__proto__', 'sure', 'type', '2026-01-01', '']) compare([{ kind: 'add', path, key }]);
      for (let value = 0; value < replacements.length; value++) compare([{ kind: 'set', path, value }]);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('accepts and rejects exactly what the zod schema does, on files changed at random', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        const json = mutate(text, changes);
        const theirs = progressSchema.safeParse(JSON.parse(json));
        const ours = checkProgress(JSON.parse(json));
        expect(ours instanceof ShapeError ? 'rejected' : 'accepted').toBe(theirs.success ? 'accepted' : 'rejected');
        if (theirs.success) expect(normal(ours)).toEqual(normal(theirs.data));
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('names the field that is wrong', () => {
    const bad = checkProgress({ ...JSON.parse(text), history: [{ id: 'a' }] });
    expect(bad).toBeInstanceOf(ShapeError);
    expect((bad as ShapeError).at.join('.')).toBe('history.0.at');
  });

  it('checks a version 1 file as the zod schema does, exams defaulting to none', () => {
    const attempts = Array.from({ length: 12 }, (_, n) => attempt(`q-${n % 4}`, n));
    const file = { version: 1, attempts };
    const ours = checkProgressV1(JSON.parse(JSON.stringify(file)));
    expect(normal(ours)).toEqual(normal(progressV1Schema.parse(JSON.parse(JSON.stringify(file)))));
    for (const broken of [{ ...file, attempts: [{ ...attempts[0], seconds: -1 }] }, { ...file, extra: 1 }, { version: 1 }]) {
      expect(checkProgressV1(JSON.parse(JSON.stringify(broken)))).toBeInstanceOf(ShapeError);
      expect(progressV1Schema.safeParse(JSON.parse(JSON.stringify(broken))).success).toBe(false);
    }
  });
});
