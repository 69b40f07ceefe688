import { describe, expect, it } from 'vitest';
import type { Question, SingleQuestion } from '../../src/bank/question.js';
import { domainQuotas, drawExam, formatClock, nextClockEvent, scaledEstimate, scoreExam } from '../../src/engine/exam.js';
import { seededRandom } from '../../src/engine/random.js';

function question(id: string, domain: number, scenario?: string): SingleQuestion {
  return {
    id,
    type: 'single',
    domain,
    task: `${domain}.1`,
    tags: [],
    stem: id,
    explanation: 'x',
    references: ['https://example.com'],
    source: { file: 'f', line: 1 },
    options: [
      { text: 'a', correct: true },
      { text: 'b', correct: false },
      { text: 'c', correct: false },
      { text: 'd', correct: false },
    ],
    ...(scenario && { scenario: { id: scenario, title: scenario, text: scenario } }),
  };
}

const pool: Question[] = [1, 2, 3, 4, 5].flatMap((d) => Array.from({ length: 30 }, (_, i) => question(`d${d}-${i}`, d)));

describe('the mock exam draw', () => {
  it('splits 65 questions 13/16/18/9/9 by the domain weights', () => {
    expect([...domainQuotas(65).values()]).toEqual([13, 16, 18, 9, 9]);
    for (const n of [1, 10, 50, 65, 100]) expect([...domainQuotas(n).values()].reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('draws exact counts per domain with no repeats, reproducibly', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { questions, shortfalls } = drawExam(pool, 65, new Set(), seededRandom(seed));
      expect(shortfalls).toEqual([]);
      expect(new Set(questions.map((q) => q.id)).size).toBe(65);
      const counts = [1, 2, 3, 4, 5].map((d) => questions.filter((q) => q.domain === d).length);
      expect(counts).toEqual([13, 16, 18, 9, 9]);
    }
    const ids = (seed: number) => drawExam(pool, 65, new Set(), seededRandom(seed)).questions.map((q) => q.id);
    expect(ids(5)).toEqual(ids(5));
  });

  it('prefers questions not seen in earlier mock exams', () => {
    const seen = new Set(pool.filter((q) => Number(q.id.split('-')[1]) < 20).map((q) => q.id));
    const { questions } = drawExam(pool, 30, seen, seededRandom(1));
    expect(questions.every((q) => !seen.has(q.id))).toBe(true);
  });

  it('keeps a case study together', () => {
    const withCase = [...pool, ...['c1', 'c2', 'c3'].map((id) => question(id, 3, 'cs'))];
    for (let seed = 0; seed < 30; seed++) {
      const ids = drawExam(withCase, 65, new Set(pool.map((q) => q.id)), seededRandom(seed)).questions.map((q) => q.id);
      const at = ids.indexOf('c1');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(ids.slice(at, at + 3)).toEqual(['c1', 'c2', 'c3']);
    }
  });

  it('reports domains that are too small for their share', () => {
    const small = pool.filter((q) => q.domain !== 5 || q.id === 'd5-0');
    expect(drawExam(small, 65, new Set(), seededRandom(2)).shortfalls).toEqual([{ domain: 5, missing: 8 }]);
  });
});

describe('exam scoring', () => {
  it('maps 70% to the 700 pass mark and spans 100 to 1,000', () => {
    expect(scaledEstimate(0, 65)).toBe(100);
    expect(scaledEstimate(65, 65)).toBe(1000);
    expect(scaledEstimate(7, 10)).toBe(700);
    expect(scaledEstimate(69, 100)).toBeLessThan(700);
  });

  it('scores unanswered questions as wrong and reports each domain', () => {
    const questions = [question('a', 1), question('b', 1), question('c', 2)];
    const report = scoreExam(
      questions,
      new Map([
        ['a', { type: 'single', choice: 0 }],
        ['c', { type: 'single', choice: 1 }],
      ]),
      new Map([
        ['a', 30],
        ['b', 90],
        ['c', 60],
      ]),
    );
    expect(report).toMatchObject({ total: 3, correct: 1, answered: 2, passed: false, secondsUsed: 180, missed: ['b', 'c'] });
    expect(report.byDomain).toEqual([
      { domain: 1, total: 2, correct: 1, percent: 50, meets: false, seconds: 120 },
      { domain: 2, total: 1, correct: 0, percent: 0, meets: false, seconds: 60 },
    ]);
  });
});

describe('the exam clock', () => {
  const limit = 90 * 60_000;
  it('warns at 10 and 5 minutes left, once each, then times out at zero', () => {
    expect(nextClockEvent(limit, 0, [])).toEqual({ event: { kind: 'warning', minutesLeft: 10 }, inMs: 80 * 60_000 });
    expect(nextClockEvent(limit, 80 * 60_000, [10])).toEqual({ event: { kind: 'warning', minutesLeft: 5 }, inMs: 5 * 60_000 });
    expect(nextClockEvent(limit, 86 * 60_000, [10])).toEqual({ event: { kind: 'timeout' }, inMs: 4 * 60_000 });
    expect(nextClockEvent(limit, 85 * 60_000, [10, 5])).toEqual({ event: { kind: 'timeout' }, inMs: 5 * 60_000 });
    expect(nextClockEvent(limit, limit + 5, [10, 5])).toEqual({ event: { kind: 'timeout' }, inMs: 0 });
  });

  it('gives no warnings for an exam shorter than the warning mark', () => {
    expect(nextClockEvent(3 * 60_000, 0, [])).toEqual({ event: { kind: 'timeout' }, inMs: 3 * 60_000 });
  });

  it('formats the time left', () => {
    expect(formatClock(90 * 60_000)).toBe('1:30:00');
    expect(formatClock(61_000)).toBe('1:01');
    expect(formatClock(-5)).toBe('0:00');
  });
});
