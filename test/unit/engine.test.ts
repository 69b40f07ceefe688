import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { grade, keyOf } from '../../src/engine/grade.js';
import { present } from '../../src/engine/present.js';
import { seededRandom, shuffle } from '../../src/engine/random.js';
import { scoreSession } from '../../src/engine/score.js';
import { selectQuestions } from '../../src/engine/select.js';
import { MINI_BANK } from '../helpers.js';

const questions = loadBanks([MINI_BANK]).questions as Question[];
const byType = (type: Question['type']) => questions.find((q) => q.type === type)!;

describe('grading', () => {
  it('accepts the key of every question type', () => {
    for (const q of questions) expect(grade(q, keyOf(q))).toBe(true);
  });

  it('grades a single-answer question on the chosen option', () => {
    const q = byType('single');
    expect(grade(q, { type: 'single', choice: 0 })).toBe(true);
    expect(grade(q, { type: 'single', choice: 1 })).toBe(false);
    expect(grade(q, { type: 'single', choice: 9 })).toBe(false);
  });

  it('gives no partial credit for a multiple-response question', () => {
    const q = byType('multiple');
    expect(grade(q, { type: 'multiple', choices: [1, 0] })).toBe(true);
    expect(grade(q, { type: 'multiple', choices: [0] })).toBe(false);
    expect(grade(q, { type: 'multiple', choices: [0, 1, 2] })).toBe(false);
    expect(grade(q, { type: 'multiple', choices: [0, 0] })).toBe(false);
  });

  it('needs every step in place for an ordering question', () => {
    const q = byType('ordering');
    expect(grade(q, { type: 'ordering', order: [0, 1, 2] })).toBe(true);
    expect(grade(q, { type: 'ordering', order: [0, 2, 1] })).toBe(false);
    expect(grade(q, { type: 'ordering', order: [0, 1] })).toBe(false);
  });

  it('needs every pair right for a matching question', () => {
    const q = byType('matching');
    const key = keyOf(q);
    expect(key).toEqual({ type: 'matching', picks: ['Amazon Textract', 'Amazon Personalize', 'Amazon Translate'] });
    expect(grade(q, { type: 'matching', picks: ['Amazon Textract', 'Amazon Personalize', 'Amazon Polly'] })).toBe(false);
  });

  it('never accepts an answer of another type', () => {
    expect(grade(byType('single'), { type: 'multiple', choices: [0] })).toBe(false);
  });
});

describe('seeded shuffling', () => {
  it('gives the same order for the same seed and a permutation always', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffle(items, seededRandom(42));
    expect(shuffle(items, seededRandom(42))).toEqual(a);
    expect(shuffle(items, seededRandom(43))).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('never presents an ordering question already solved', () => {
    const q = byType('ordering');
    for (let seed = 0; seed < 200; seed++) {
      expect(present(q, seededRandom(seed)).order).not.toEqual([0, 1, 2]);
    }
  });

  it('shuffles options so that positions carry no meaning', () => {
    const q = byType('single');
    const firstShown = new Set<number>();
    for (let seed = 0; seed < 50; seed++) firstShown.add(present(q, seededRandom(seed)).order[0]!);
    expect(firstShown.size).toBe(4);
  });
});

describe('selecting questions', () => {
  const many: Question[] = Array.from({ length: 30 }, (_, i) => ({ ...byType('single'), id: `q${i}`, domain: (i % 3) + 1 }));

  it('filters, never repeats and honours the count', () => {
    const picked = selectQuestions(many, { filter: { domain: 2 }, count: 5, seen: new Set(), random: seededRandom(1) });
    expect(picked).toHaveLength(5);
    expect(new Set(picked.map((q) => q.id)).size).toBe(5);
    expect(picked.every((q) => q.domain === 2)).toBe(true);
  });

  it('is reproducible with a seed', () => {
    const run = () => selectQuestions(many, { filter: {}, count: 10, seen: new Set(), random: seededRandom(7) }).map((q) => q.id);
    expect(run()).toEqual(run());
  });

  it('prefers questions not seen yet', () => {
    const seen = new Set(many.slice(0, 25).map((q) => q.id));
    const picked = selectQuestions(many, { filter: {}, count: 5, seen, random: seededRandom(3) });
    expect(picked.map((q) => q.id).sort()).toEqual(['q25', 'q26', 'q27', 'q28', 'q29']);
  });

  it('keeps the questions of a case study together and in order', () => {
    const scenario = { id: 'cs', title: 'T', text: 'X' };
    const withCase = [...many.slice(0, 10), ...['c1', 'c2', 'c3'].map((id) => ({ ...byType('single'), id, scenario }))];
    for (let seed = 0; seed < 20; seed++) {
      const ids = selectQuestions(withCase, { filter: {}, count: 13, seen: new Set(), random: seededRandom(seed) }).map((q) => q.id);
      const at = ids.indexOf('c1');
      expect(ids.slice(at, at + 3)).toEqual(['c1', 'c2', 'c3']);
    }
  });
});

describe('scoring', () => {
  it('scores overall, per domain and per task statement', () => {
    const score = scoreSession([
      { question: byType('single'), correct: true },
      { question: byType('multiple'), correct: false },
      { question: byType('matching'), correct: true },
    ]);
    expect(score).toMatchObject({ correct: 2, total: 3 });
    expect(score.byTask).toEqual([
      { key: '1.1', correct: 1, total: 1 },
      { key: '1.2', correct: 1, total: 2 },
    ]);
    expect(score.byDomain).toEqual([{ key: '1', correct: 2, total: 3 }]);
  });
});
