import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, ChoiceOption, Question } from '../../src/bank/question.js';
import { domainQuotas, drawExam } from '../../src/engine/exam.js';
import { grade, keyOf } from '../../src/engine/grade.js';
import { present } from '../../src/engine/present.js';
import { seededRandom, shuffle } from '../../src/engine/random.js';
import { selectQuestions } from '../../src/engine/select.js';

const base = { task: '1.1', tags: [], stem: 's', explanation: 'e', references: ['https://x.test'], source: { file: 'f', line: 1 } };

/** Any well-formed question of any type. */
const questionArb: fc.Arbitrary<Question> = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((key): Question => ({
    ...base,
    id: 'single',
    domain: 1,
    type: 'single',
    options: [0, 1, 2, 3].map((i): ChoiceOption => ({ text: `o${i}`, correct: i === key })),
  })),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 5 })
    .map((keys): Question => ({
      ...base,
      id: 'multiple',
      domain: 1,
      type: 'multiple',
      options: [0, 1, 2, 3, 4, 5].map((i): ChoiceOption => ({ text: `o${i}`, correct: keys.includes(i) })),
    })),
  fc.integer({ min: 3, max: 5 }).map((n): Question => ({ ...base, id: 'ordering', domain: 1, type: 'ordering', steps: Array.from({ length: n }, (_, i) => `s${i}`) })),
  fc.integer({ min: 3, max: 7 }).map((n): Question => {
    const pairs = Array.from({ length: n }, (_, i) => ({ prompt: `p${i}`, answer: `a${i}` }));
    return { ...base, id: 'matching', domain: 1, type: 'matching', pairs, responses: [...pairs.map((p) => p.answer), 'extra'] };
  }),
);

/** A random answer of the right type for the question (often wrong, sometimes right). */
function answerArb(q: Question): fc.Arbitrary<Answer> {
  switch (q.type) {
    case 'single':
      return fc.integer({ min: 0, max: 3 }).map((choice) => ({ type: 'single', choice }));
    case 'multiple':
      return fc.uniqueArray(fc.integer({ min: 0, max: q.options.length - 1 }), { maxLength: q.options.length }).map((choices) => ({ type: 'multiple', choices }));
    case 'ordering':
      return fc.shuffledSubarray(q.steps.map((_, i) => i), { minLength: q.steps.length, maxLength: q.steps.length }).map((order) => ({ type: 'ordering', order }));
    case 'matching':
      return fc.array(fc.constantFrom(...q.responses), { minLength: q.pairs.length, maxLength: q.pairs.length }).map((picks) => ({ type: 'matching', picks }));
  }
}

/** How many parts of an answer are right: grading must give credit only when all are. */
function partsRight(q: Question, a: Answer): { right: number; of: number } {
  const key = keyOf(q);
  if (key.type === 'single' && a.type === 'single') return { right: a.choice === key.choice ? 1 : 0, of: 1 };
  if (key.type === 'multiple' && a.type === 'multiple') {
    const chosen = new Set(a.choices);
    const all = q.type === 'multiple' ? q.options.length : 0;
    let right = 0;
    for (let i = 0; i < all; i++) if (chosen.has(i) === key.choices.includes(i)) right++;
    return { right, of: all };
  }
  if (key.type === 'ordering' && a.type === 'ordering') return { right: a.order.filter((s, i) => s === i).length, of: key.order.length };
  if (key.type === 'matching' && a.type === 'matching') return { right: a.picks.filter((p, i) => p === key.picks[i]).length, of: key.picks.length };
  return { right: 0, of: 1 };
}

describe('engine properties', () => {
  it('grades all-or-nothing for every type', () => {
    fc.assert(
      fc.property(questionArb.chain((q) => fc.tuple(fc.constant(q), answerArb(q))), ([q, a]) => {
        const { right, of } = partsRight(q, a);
        expect(grade(q, a)).toBe(right === of);
        expect(grade(q, keyOf(q))).toBe(true);
      }),
      { numRuns: 2000, seed: 20261128 },
    );
  });

  it('shuffles into a permutation of the input, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (items, seed) => {
        const a = shuffle(items, seededRandom(seed));
        expect([...a].sort((x, y) => x - y)).toEqual([...items].sort((x, y) => x - y));
        expect(shuffle(items, seededRandom(seed))).toEqual(a);
      }),
      { numRuns: 1000, seed: 1 },
    );
  });

  it('reproduces a whole session from its seed', () => {
    const pool: Question[] = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      id: `q${i}`,
      domain: (i % 5) + 1,
      type: 'single',
      options: [0, 1, 2, 3].map((j): ChoiceOption => ({ text: `o${j}`, correct: j === 0 })),
    }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 40 }), (seed, count) => {
        const session = () => {
          const random = seededRandom(seed);
          return selectQuestions(pool, { filter: {}, count, seen: new Set(), random }).map((q) => [q.id, present(q, random).order]);
        };
        expect(session()).toEqual(session());
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('always draws the exact per-domain counts for an exam', () => {
    const pool: Question[] = [1, 2, 3, 4, 5].flatMap((d) =>
      Array.from({ length: 40 }, (_, i) => ({
        ...base,
        id: `d${d}q${i}`,
        domain: d,
        type: 'single' as const,
        options: [0, 1, 2, 3].map((j): ChoiceOption => ({ text: `o${j}`, correct: j === 0 })),
      })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 2 ** 31 }), (total, seed) => {
        const { questions } = drawExam(pool, total, new Set(), seededRandom(seed));
        expect(questions).toHaveLength(total);
        expect(new Set(questions.map((q) => q.id)).size).toBe(total);
        for (const [domain, quota] of domainQuotas(total)) expect(questions.filter((q) => q.domain === domain)).toHaveLength(quota);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
