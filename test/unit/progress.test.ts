import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { applyAttempt } from '../../src/progress/apply.js';
import { dueQueue, isLeech, isMastered, reviewPlan, reviewQueue } from '../../src/progress/derive.js';
import { dataDir } from '../../src/progress/location.js';
import { emptyProgress, HISTORY_LIMIT, type Attempt } from '../../src/progress/schema.js';
import { execFileSync } from 'node:child_process';
import { LockLostError, withLock } from '../../src/progress/lock.js';
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

  it("cleans up a killed writer's temporary file but keeps a learner's dated copy", () => {
    const dir = tempDir();
    const store = new ProgressStore(dir);
    store.record(attempt('a', true, day(1)));
    fs.writeFileSync(path.join(dir, 'progress.json.3141592653'), '{"version": 2, "ques');
    fs.copyFileSync(store.file, path.join(dir, 'progress.json.20261201'));
    fs.copyFileSync(store.file, path.join(dir, 'progress.json.261130'));
    store.record(attempt('b', true, day(2)));
    expect(fs.readdirSync(dir).sort()).toEqual(['progress.json', 'progress.json.20261201', 'progress.json.261130']);
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

describe('the progress store under attack', () => {
  it('reads the file under the lock: an answer another process saved after this one loaded is kept', () => {
    const dir = tempDir();
    const mine = new ProgressStore(dir);
    mine.record(attempt('mine-1', true, day(1)));
    // Another process saves while this one still holds its parsed copy.
    new ProgressStore(dir).record(attempt('theirs', true, day(1, 11)));
    mine.record(attempt('mine-2', true, day(1, 12)));
    expect(Object.keys(readProgress(mine.file).questions).sort()).toEqual(['mine-1', 'mine-2', 'theirs']);
  });

  it("takes over a lock whose owner process is gone at once, and never releases another process's lock", () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    const lock = `${file}.lock`;
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'owner'), `999999 ${os.hostname()} dead`);
    new ProgressStore(dir).record(attempt('a', true, day(1)));
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
    // A takeover while this process holds the lock: nothing may be written, and the lock (now
    // the other process's) must be left where it is.
    expect(() =>
      withLock(file, (held) => {
        fs.writeFileSync(path.join(lock, 'owner'), `${process.ppid} ${os.hostname()} other`);
        held.assertOwned();
      }),
    ).toThrow(LockLostError);
    expect(fs.readFileSync(path.join(lock, 'owner'), 'utf8')).toContain('other');
  });

  it('keeps a symlinked progress.json a link and saves into the file it points to', () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    const real = path.join(elsewhere, 'synced-progress.json');
    new ProgressStore(elsewhere).record(attempt('a', true, day(1)));
    fs.renameSync(path.join(elsewhere, 'progress.json'), real);
    fs.symlinkSync(real, path.join(dir, 'progress.json'));
    new ProgressStore(dir).record(attempt('b', true, day(1, 11)));
    expect(fs.lstatSync(path.join(dir, 'progress.json')).isSymbolicLink()).toBe(true);
    expect(Object.keys(readProgress(real).questions).sort()).toEqual(['a', 'b']);
    expect(fs.readdirSync(elsewhere)).toEqual(['synced-progress.json']);
  });

  it('reports a full disk while taking the lock clearly, and leaves no lock behind', () => {
    const dir = tempDir();
    const store = new ProgressStore(dir);
    store.record(attempt('a', true, day(1)));
    const before = fs.readFileSync(store.file, 'utf8');
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const spy = vi.spyOn(fs, 'mkdirSync').mockImplementation((target) => {
      if (String(target).includes('.lock')) throw full;
      return undefined;
    });
    try {
      expect(() => store.record(attempt('b', true, day(1, 11)))).toThrow(/the disk is full/);
      try {
        store.record(attempt('b', true, day(1, 11)));
      } catch (error) {
        expect((error as { hint: string }).hint).toMatch(/Nothing saved before is lost[\s\S]*Free some space/);
      }
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(store.file, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
  });

  const canMount = process.getuid?.() === 0 && process.platform === 'linux';
  it.skipIf(!canMount)('on a really full disk says so, keeps the file, and leaves no lock or temporary file', () => {
    const dir = tempDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      return; // no permission to mount here: the fault-injection tests above still hold
    }
    try {
      const store = new ProgressStore(dir);
      store.record(attempt('a', true, day(1)));
      const before = fs.readFileSync(store.file, 'utf8');
      try {
        fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(1024 * 1024));
      } catch {
        // Filled up to the last block, as intended.
      }
      expect(() => store.record(attempt('b', true, day(1, 11)))).toThrow(/the disk is full/);
      expect(fs.readFileSync(store.file, 'utf8')).toBe(before);
      expect(fs.readdirSync(dir).sort()).toEqual(['filler', 'progress.json']);
    } finally {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    }
  });

  it('treats option texts and ids named like Object.prototype members as ordinary keys', () => {
    const names = ['valueOf', 'toString', 'constructor', 'hasOwnProperty', '__proto__'];
    const question = {
      ...single,
      id: 'constructor',
      type: 'single',
      options: [{ text: 'right', correct: true }, ...names.slice(0, 3).map((text) => ({ text, correct: false }))],
    } as Question;
    const dir = tempDir();
    const store = new ProgressStore(dir);
    for (const choice of [1, 2, 3, 1]) {
      store.record({ ...attempt('constructor', false, day(1)), answer: { type: 'single', choice } }, question);
    }
    const other = { ...question, id: 'tostring', options: [{ text: 'right', correct: true }, { text: '__proto__', correct: false }, { text: 'hasOwnProperty', correct: false }, { text: 'x', correct: false }] } as Question;
    store.record({ ...attempt('tostring', false, day(1)), answer: { type: 'single', choice: 1 } }, other);
    store.record({ ...attempt('tostring', false, day(1)), answer: { type: 'single', choice: 2 } }, other);
    const saved = readProgress(store.file);
    const ctor = saved.questions['constructor' as string]!;
    expect(ctor.attempts).toBe(4);
    expect({ ...ctor.wrongPicks }).toEqual({ valueOf: 2, toString: 1, constructor: 1 });
    expect(Object.entries(saved.questions.tostring!.wrongPicks!)).toEqual([['__proto__', 1], ['hasOwnProperty', 1]]);
    // A progress file written by hand with such keys reads back the same.
    expect(readProgress(store.file)).toEqual(saved);
    expect(Object.keys(new ProgressStore(dir).load().questions).sort()).toEqual(['constructor', 'tostring']);
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
