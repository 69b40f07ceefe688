import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { applyAttempt } from '../../src/progress/apply.js';
import { dueQueue, isLeech, isMastered, reviewPlan, reviewQueue } from '../../src/progress/derive.js';
import { dataDir } from '../../src/progress/location.js';
import { emptyProgress, HISTORY_LIMIT, type Attempt } from '../../src/progress/schema.js';
import { ProgressStore, readProgress } from '../../src/progress/store.js';
import { MINI_BANK, tempDir } from '../helpers.js';

const single = loadBanks([MINI_BANK]).questions[0] as Question;

const attempt = (id: string, correct: boolean, at: string, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  at,
  answer: { type: 'single', choice: correct ? 0 : 2 },
  correct,
  seconds: 12.5,
  mode: 'practice',
  ...extra,
});

const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 0, n, hour)).toISOString();

describe('the progress store', () => {
  it('starts empty and saves each answer at once, atomically', () => {
    const dir = path.join(tempDir(), 'nested');
    const store = new ProgressStore(dir);
    expect(store.load().questions).toEqual({});
    store.record(attempt('a', true, day(1)));
    store.record(attempt('b', false, day(1, 11)));
    const saved = readProgress(store.file);
    expect(Object.keys(saved.questions)).toEqual(['a', 'b']);
    expect(saved.history.map((a) => a.id)).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
  });

  it('merges answers saved by another process instead of overwriting them', () => {
    const dir = tempDir();
    const one = new ProgressStore(dir);
    const two = new ProgressStore(dir);
    one.load();
    two.load();
    one.record(attempt('a', true, day(1)));
    two.record(attempt('b', true, day(1, 11)));
    one.record(attempt('c', true, day(1, 12)));
    expect(Object.keys(readProgress(one.file).questions).sort()).toEqual(['a', 'b', 'c']);
  });

  it('never overwrites a progress file it cannot read, and says what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    fs.writeFileSync(file, '{"version":2,"questions":{');
    const store = new ProgressStore(dir);
    expect(() => store.load()).toThrow(/cannot be used: it is not valid JSON/);
    expect(() => store.record(attempt('a', true, day(1)))).toThrow(/cannot be used/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":2,"questions":{');
    try {
      store.load();
    } catch (error) {
      expect((error as { hint: string }).hint).toContain(`mv "${file}"`);
    }
  });

  it('rejects a file with the wrong shape, naming the field', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'progress.json'), JSON.stringify({ ...emptyProgress(), history: [{ id: 'a' }] }));
    expect(() => new ProgressStore(dir).load()).toThrow(/at history\.0\.at/);
  });

  it('refuses a file from a newer version without touching it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'progress.json'), '{"version":9}');
    expect(() => new ProgressStore(dir).load()).toThrow(/newer version of aif-quiz \(format 9\)/);
  });

  it('migrates a version 1 file, keeping the old one as a backup', () => {
    const dir = tempDir();
    const v1 = { version: 1, attempts: [attempt('a', false, day(1)), attempt('a', true, day(2)), attempt('b', false, day(1))] };
    fs.writeFileSync(path.join(dir, 'progress.json'), JSON.stringify(v1));
    const store = new ProgressStore(dir);
    const progress = store.load();
    expect(store.migration?.from).toBe(1);
    expect(JSON.parse(fs.readFileSync(store.migration!.backup, 'utf8'))).toEqual(v1);
    expect(progress.version).toBe(2);
    expect(progress.questions.a).toMatchObject({ attempts: 2, wrong: 1, lastCorrect: true });
    expect(reviewQueue(progress, new Set(['a', 'b']))).toEqual(['b']);
    expect(readProgress(store.file).version).toBe(2);
  });

  it('tells the user at once when the folder cannot be written', () => {
    const dir = tempDir();
    const denied = Object.assign(new Error('read-only'), { code: 'EROFS' });
    const spy = vi.spyOn(fs, 'accessSync').mockImplementation(() => {
      throw denied;
    });
    try {
      expect(() => new ProgressStore(dir).ensureWritable()).toThrow(`Cannot save progress to ${dir}: the file system is read-only.`);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports a full disk as such, keeps the previous file and leaves no temporary file', () => {
    const dir = tempDir();
    const store = new ProgressStore(dir);
    store.record(attempt('a', true, day(1)));
    const before = fs.readFileSync(store.file, 'utf8');
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation(() => {
      throw full;
    });
    try {
      expect(() => store.record(attempt('b', true, day(1, 11)))).toThrow(/the disk is full/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(store.file, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
    expect(Object.keys(store.load().questions)).toEqual(['a']);
  });
});

describe('spaced repetition and derived progress', () => {
  it('brings a wrong answer back sooner than a right one', () => {
    let p = applyAttempt(emptyProgress(), attempt('right', true, day(1)));
    p = applyAttempt(p, attempt('wrong', false, day(1)));
    expect(p.questions.wrong!.card.due < p.questions.right!.card.due).toBe(true);
    expect(dueQueue(p, new Set(['right', 'wrong']), new Date(day(1, 23)))).toEqual([]);
    expect(dueQueue(p, new Set(['right', 'wrong']), new Date(day(2, 12)))).toEqual(['wrong']);
    expect(dueQueue(p, new Set(['right', 'wrong']), new Date(day(10)))).toEqual(['wrong', 'right']);
  });

  it('rates a right answer the learner was unsure of as Hard: it comes back sooner', () => {
    const sure = applyAttempt(emptyProgress(), attempt('q', true, day(1), { confidence: 'sure' }));
    const unsure = applyAttempt(emptyProgress(), attempt('q', true, day(1), { confidence: 'unsure' }));
    expect(unsure.questions.q!.card.due < sure.questions.q!.card.due).toBe(true);
  });

  it('marks a question missed four times as a leech', () => {
    let p = emptyProgress();
    for (let i = 1; i <= 3; i++) p = applyAttempt(p, attempt('q', false, day(i)));
    expect(isLeech(p, 'q')).toBe(false);
    p = applyAttempt(p, attempt('q', false, day(4)));
    expect(isLeech(p, 'q')).toBe(true);
  });

  it('queues questions whose latest answer is wrong, oldest miss first, and due ones before them', () => {
    let p = emptyProgress();
    for (const a of [
      attempt('c', false, day(1, 8)),
      attempt('b', false, day(1, 9)),
      attempt('a', false, day(1, 10)),
      attempt('a', true, day(2)),
      attempt('gone', false, day(1, 7)),
    ]) {
      p = applyAttempt(p, a);
    }
    expect(reviewQueue(p, new Set(['a', 'b', 'c']))).toEqual(['c', 'b']);
    const plan = reviewPlan(p, new Set(['a', 'b', 'c']), new Date(day(1, 20)), false);
    expect(plan).toEqual({ due: [], wrong: ['c', 'b'] });
    expect(reviewPlan(p, new Set(['a', 'b', 'c']), new Date(day(2, 20)), true).due).toEqual(['c', 'b']);
  });

  it('never counts a lucky guess as mastered', () => {
    let guessed = emptyProgress();
    let known = emptyProgress();
    for (const d of [1, 4, 20]) {
      guessed = applyAttempt(guessed, attempt('q', true, day(d), { confidence: 'guessed' }));
      known = applyAttempt(known, attempt('q', true, day(d), { confidence: 'sure' }));
    }
    expect(isMastered(guessed, 'q')).toBe(false);
    expect(isMastered(known, 'q')).toBe(true);
  });

  it('counts wrong options picked, and keeps the history bounded', () => {
    let p = emptyProgress();
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) p = applyAttempt(p, attempt(single.id, false, day(1 + (i % 20))), single);
    expect(p.history).toHaveLength(HISTORY_LIMIT);
    expect(p.questions[single.id]!.wrongPicks).toEqual({ 'Reinforcement learning': HISTORY_LIMIT + 50 });
    expect(p.calibration).toEqual({});
  });
});

describe('the data folder', () => {
  it('is --data-dir, else AIF_QUIZ_HOME, else the platform folder', () => {
    expect(dataDir('/x', { AIF_QUIZ_HOME: '/y' })).toBe('/x');
    expect(dataDir(undefined, { AIF_QUIZ_HOME: '/y' })).toBe('/y');
    expect(dataDir(undefined, {})).toMatch(/aif-quiz/);
  });
});
