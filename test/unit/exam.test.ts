import { describe, expect, it } from 'vitest';
import type { Question, SingleQuestion } from '../../src/bank/question.js';
import fs from 'node:fs';
import path from 'node:path';
import type { MatchingQuestion, MultipleQuestion, OrderingQuestion } from '../../src/bank/question.js';
import { domainQuotas, drawExam, dueWarning, formatClock, scaledEstimate, scoreExam, timeLeft, warningsUpTo } from '../../src/engine/exam.js';
import { answerFits, reduceExam, reviewStart, startNav, statusOf, type ExamAction, type ExamNav, type ExamPaper } from '../../src/engine/exam-navigation.js';
import { present } from '../../src/engine/present.js';
import { DamagedExamError, ExamStateFile } from '../../src/progress/exam-state.js';
import { tempDir } from '../helpers.js';
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
  it('warns at 10 and 5 minutes left, once each', () => {
    expect(dueWarning(limit, 11 * 60_000, [])).toBeUndefined();
    expect(dueWarning(limit, 10 * 60_000, [])).toBe(10);
    expect(dueWarning(limit, 9 * 60_000, [10])).toBeUndefined();
    expect(dueWarning(limit, 5 * 60_000, [10])).toBe(5);
    expect(dueWarning(limit, 4 * 60_000, [10, 5])).toBeUndefined();
  });

  it('gives one warning, for the nearest mark, when a resumed exam has passed both', () => {
    expect(dueWarning(limit, 4 * 60_000, [])).toBe(5);
    expect(warningsUpTo(5, limit)).toEqual([10, 5]);
  });

  it('gives no warnings for an exam shorter than the warning mark', () => {
    expect(dueWarning(3 * 60_000, 60_000, [])).toBeUndefined();
    expect(dueWarning(7 * 60_000, 5 * 60_000, [])).toBe(5);
    expect(warningsUpTo(5, 7 * 60_000)).toEqual([5]);
  });

  it('computes the time left from the clock, exactly, however long the limit', () => {
    // 36,000 minutes is beyond what one setTimeout can wait (2^31-1 ms); the clock does not wait for it.
    const long = 36_000 * 60_000;
    expect(timeLeft(long, 0, 1000)).toBe(long - 1000);
    expect(timeLeft(limit, 60_000, 30_000)).toBe(limit - 90_000);
    expect(timeLeft(limit, limit, 5)).toBe(0);
    expect(timeLeft(limit, 0, -50)).toBe(limit);
  });

  it('formats the time left', () => {
    expect(formatClock(90 * 60_000)).toBe('1:30:00');
    expect(formatClock(61_000)).toBe('1:01');
    expect(formatClock(-5)).toBe('0:00');
  });
});

describe('the draw when a domain is short', () => {
  it('fills the places of a small domain from the others, so the exam has the size asked for', () => {
    const small = pool.filter((q) => q.domain !== 5 || q.id === 'd5-0');
    const { questions } = drawExam(small, 65, new Set(), seededRandom(2));
    expect(questions).toHaveLength(65);
    expect(new Set(questions.map((q) => q.id)).size).toBe(65);
  });
});

function multiple(id: string): MultipleQuestion {
  return {
    ...question(id, 1),
    type: 'multiple',
    options: ['a', 'b', 'c', 'd', 'e'].map((text, i) => ({ text, correct: i < 2 })),
  };
}

function ordering(id: string): OrderingQuestion {
  const { options: _o, ...rest } = question(id, 1);
  return { ...rest, type: 'ordering', steps: ['one', 'two', 'three', 'four'], stepWhys: [] };
}

function matching(id: string): MatchingQuestion {
  const { options: _o, ...rest } = question(id, 1);
  return {
    ...rest,
    type: 'matching',
    pairs: [
      { prompt: 'p1', answer: 'r1' },
      { prompt: 'p2', answer: 'r2' },
      { prompt: 'p3', answer: 'r3' },
    ],
    responses: ['r1', 'r2', 'r3', 'valueOf'],
  };
}

/** An exam paper in bank order (identity presentation), so letters are predictable. */
function paperOf(questions: Question[], feedback = false): ExamPaper {
  return {
    feedback,
    presentations: questions.map((q) => {
      const p = present(q, seededRandom(1));
      const n = q.type === 'single' || q.type === 'multiple' ? q.options.length : q.type === 'ordering' ? q.steps.length : 0;
      return { ...p, order: Array.from({ length: n }, (_, i) => i), responses: q.type === 'matching' ? q.responses : [] };
    }),
  };
}

function run(paper: ExamPaper, nav: ExamNav, ...actions: ExamAction[]): ExamNav {
  return actions.reduce((n, a) => reduceExam(paper, n, a), nav);
}

const fresh = (paper: ExamPaper) => startNav(paper, { current: 0, answers: new Map(), flags: [] });

describe('exam navigation', () => {
  // A question id that is an Object.prototype name must be an ordinary key.
  const questions: Question[] = [question('constructor', 1), multiple('m'), ordering('o'), matching('x'), question('s', 2)];
  const paper = paperOf(questions);

  it('answers a single question with its letter, and a new letter changes it', () => {
    const nav = run(paper, fresh(paper), { kind: 'pick', letter: 2 });
    expect(nav.answers.get('constructor')).toEqual({ type: 'single', choice: 2 });
    expect(run(paper, nav, { kind: 'pick', letter: 0 }).answers.get('constructor')).toEqual({ type: 'single', choice: 0 });
    expect(statusOf(fresh(paper), 'constructor')).toBe('unanswered');
  });

  it('moves to the next and previous question, and from the last to the review screen', () => {
    let nav = run(paper, fresh(paper), { kind: 'next' }, { kind: 'next' });
    expect(nav.current).toBe(2);
    nav = run(paper, nav, { kind: 'previous' });
    expect(nav.current).toBe(1);
    expect(run(paper, fresh(paper), { kind: 'previous' })).toMatchObject({ current: 0, notice: 'This is the first question.' });
    nav = run(paper, nav, { kind: 'next' }, { kind: 'next' }, { kind: 'next' }, { kind: 'next' });
    expect(nav.screen).toBe('review');
  });

  it('counts a multiple-response question as answered only with the number asked for, and refuses one more', () => {
    let nav = run(paper, fresh(paper), { kind: 'next' }, { kind: 'pick', letter: 0 });
    expect(statusOf(nav, 'm')).toBe('incomplete');
    nav = run(paper, nav, { kind: 'cursor', delta: 3 }, { kind: 'toggle' });
    expect(nav.answers.get('m')).toEqual({ type: 'multiple', choices: [0, 3] });
    nav = run(paper, nav, { kind: 'pick', letter: 4 });
    expect(nav.notice).toMatch(/Select 2/);
    expect(nav.answers.get('m')).toEqual({ type: 'multiple', choices: [0, 3] });
    nav = run(paper, nav, { kind: 'pick', letter: 0 });
    expect(nav.answers.has('m')).toBe(false);
  });

  it('orders steps by their letters, places the last one, and takes back with clear', () => {
    let nav = run(paper, goTo(paper, 2), { kind: 'pick', letter: 1 }, { kind: 'pick', letter: 0 });
    expect(nav.answers.has('o')).toBe(false);
    nav = run(paper, nav, { kind: 'pick', letter: 3 });
    expect(nav.answers.get('o')).toEqual({ type: 'ordering', order: [1, 0, 3, 2] });
    nav = run(paper, nav, { kind: 'clear' });
    expect(nav.drafts.get('o')).toEqual({ type: 'ordering', order: [1, 0] });
    expect(run(paper, nav, { kind: 'pick', letter: 1 }).notice).toMatch(/already number 1/);
  });

  it('matches the prompt under the cursor and moves on to the next open prompt', () => {
    let nav = run(paper, goTo(paper, 3), { kind: 'pick', letter: 3 });
    expect(nav.cursor).toBe(1);
    nav = run(paper, nav, { kind: 'pick', letter: 1 }, { kind: 'pick', letter: 2 });
    expect(nav.answers.get('x')).toEqual({ type: 'matching', picks: ['valueOf', 'r2', 'r3'] });
    nav = run(paper, nav, { kind: 'cursor', delta: -2 }, { kind: 'toggle' });
    expect(nav.answers.get('x')).toEqual({ type: 'matching', picks: ['r1', 'r2', 'r3'] });
  });

  it('flags and unflags', () => {
    const nav = run(paper, fresh(paper), { kind: 'flag' });
    expect(nav.flags.has('constructor')).toBe(true);
    expect(run(paper, nav, { kind: 'flag' }).flags.has('constructor')).toBe(false);
  });

  it('opens the review screen on the first unanswered question, jumps to any, and goes back with Esc', () => {
    let nav = run(paper, fresh(paper), { kind: 'pick', letter: 0 }, { kind: 'next' }, { kind: 'pick', letter: 0 }, { kind: 'back' });
    expect(nav.screen).toBe('review');
    // Question 2 has one of two picks: not answered yet.
    expect(nav.reviewCursor).toBe(1);
    nav = run(paper, nav, { kind: 'reviewCursor', delta: 3 }, { kind: 'open' });
    expect(nav).toMatchObject({ screen: 'question', current: 4 });
    nav = run(paper, nav, { kind: 'review' }, { kind: 'back' });
    expect(nav).toMatchObject({ screen: 'question', current: 4 });
  });

  it('starts the review cursor on the first flagged question when all are answered, else on Submit', () => {
    const all = startNav(paper, {
      current: 0,
      answers: new Map(questions.map((q) => [q.id, { type: 'single', choice: 0 } as const])),
      flags: ['s'],
    });
    expect(reviewStart(paper, all)).toBe(4);
    expect(reviewStart(paper, { ...all, flags: new Set() })).toBe(5);
  });

  it('asks before submitting, from the Submit row or with s, and Esc keeps working', () => {
    let nav = run(paper, fresh(paper), { kind: 'review' }, { kind: 'reviewCursor', delta: 99 }, { kind: 'open' });
    expect(nav.screen).toBe('confirm');
    nav = run(paper, nav, { kind: 'back' });
    expect(nav.screen).toBe('review');
    expect(run(paper, nav, { kind: 'askSubmit' }).screen).toBe('confirm');
  });

  it('in feedback mode checks an answer with Enter and then keeps it final', () => {
    const fb = paperOf(questions, true);
    let nav = run(fb, fresh(fb), { kind: 'pick', letter: 1 });
    expect(nav.answers.has('constructor')).toBe(false);
    nav = run(fb, nav, { kind: 'enter' });
    expect(nav.answers.get('constructor')).toEqual({ type: 'single', choice: 1 });
    expect(run(fb, nav, { kind: 'pick', letter: 0 }).notice).toMatch(/final/);
    expect(run(fb, nav, { kind: 'enter' }).current).toBe(1);
  });

  function goTo(p: ExamPaper, index: number): ExamNav {
    return startNav(p, { current: index, answers: new Map(), flags: [] });
  }
});

describe('answers that fit their questions', () => {
  it('accepts answers in range and refuses the rest', () => {
    expect(answerFits(question('a', 1), { type: 'single', choice: 3 })).toBe(true);
    expect(answerFits(question('a', 1), { type: 'single', choice: 4 })).toBe(false);
    expect(answerFits(question('a', 1), { type: 'multiple', choices: [0, 1] })).toBe(false);
    expect(answerFits(multiple('m'), { type: 'multiple', choices: [0, 0] })).toBe(false);
    expect(answerFits(ordering('o'), { type: 'ordering', order: [0, 1, 2] })).toBe(false);
    expect(answerFits(matching('x'), { type: 'matching', picks: ['r1', 'r2', 'toString'] })).toBe(false);
    expect(answerFits(matching('x'), { type: 'matching', picks: ['r1', 'r2', 'valueOf'] })).toBe(true);
  });
});

describe('a saved exam read back', () => {
  const good = {
    version: 1,
    seed: 1,
    startedAt: '2026-12-01T10:00:00.000Z',
    limitMs: 5_400_000,
    usedMs: 1000,
    questionIds: ['constructor', 'b'],
    current: 1,
    answers: { constructor: { type: 'single', choice: 1 } },
    flags: ['b'],
    warned: [],
    secondsByQuestion: { constructor: 3 },
  };

  function write(state: unknown): ExamStateFile {
    const dir = tempDir();
    const file = new ExamStateFile(dir);
    fs.writeFileSync(file.file, typeof state === 'string' ? state : JSON.stringify(state));
    return file;
  }

  it('reads a valid exam, with a question id that is an Object.prototype name as an ordinary key', () => {
    const state = write(good).load()!;
    expect(state.answers['constructor']).toEqual({ type: 'single', choice: 1 });
    expect(state.answers['toString']).toBeUndefined();
    expect(state.secondsByQuestion['b']).toBeUndefined();
  });

  it.each([
    ['current past the last question', { ...good, current: 2 }, /current/],
    ['an answer to a question not in the exam', { ...good, answers: { zzz: { type: 'single', choice: 0 } } }, /answers/],
    ['a flag on a question not in the exam', { ...good, flags: ['zzz'] }, /flags/],
    ['more time used than the limit', { ...good, usedMs: 9_999_999 }, /usedMs/],
    ['a limit beyond the bound', { ...good, limitMs: 36_000 * 60_000 }, /limitMs/],
    ['a warning that does not exist', { ...good, warned: [7] }, /warned/],
    ['a broken answer', { ...good, answers: { b: { type: 'single', choice: 'x' } } }, /answers/],
    ['not JSON', '{"version":', /not valid JSON/],
  ])('keeps aside a damaged file (%s) and says so', (_name, state, reason) => {
    const file = write(state);
    let error: unknown;
    try {
      file.load();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DamagedExamError);
    const damaged = error as DamagedExamError;
    expect(damaged.message).toMatch(reason);
    expect(damaged.hint).toContain('aif-quiz exam');
    expect(fs.existsSync(file.file)).toBe(false);
    expect(path.basename(damaged.keptAt)).toMatch(/^exam\.json\.damaged-/);
    expect(fs.existsSync(damaged.keptAt)).toBe(true);
    // Nothing left to resume, and no error the second time.
    expect(file.load()).toBeUndefined();
  });
});
