import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reviewQueue } from '../../src/progress/derive.js';
import type { Attempt } from '../../src/progress/schema.js';
import { ProgressStore, readProgress } from '../../src/progress/store.js';
import { dataDir } from '../../src/progress/location.js';
import { tempDir } from '../helpers.js';

const attempt = (id: string, correct: boolean, at: string): Attempt => ({
  id,
  at,
  answer: { type: 'single', choice: 0 },
  correct,
  seconds: 12.5,
  mode: 'practice',
});

describe('the progress store', () => {
  it('starts empty and saves each answer at once, atomically', () => {
    const dir = path.join(tempDir(), 'nested');
    const store = new ProgressStore(dir);
    expect(store.load().attempts).toEqual([]);
    store.record(attempt('a', true, '2026-01-01T10:00:00.000Z'));
    store.record(attempt('b', false, '2026-01-01T10:01:00.000Z'));
    expect(readProgress(store.file).attempts.map((a) => a.id)).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
  });

  it('never overwrites a progress file it cannot read, and says what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    fs.writeFileSync(file, '{"version":1,"attempts":[');
    const store = new ProgressStore(dir);
    expect(() => store.load()).toThrow(/cannot be used: it is not valid JSON/);
    expect(() => store.record(attempt('a', true, '2026-01-01T10:00:00.000Z'))).toThrow(/cannot be used/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":1,"attempts":[');
    try {
      store.load();
    } catch (error) {
      expect((error as { hint: string }).hint).toContain(`mv "${file}"`);
    }
  });

  it('rejects a file with the wrong shape, naming the field', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'progress.json'), JSON.stringify({ version: 1, attempts: [{ id: 'a' }] }));
    expect(() => new ProgressStore(dir).load()).toThrow(/at attempts\.0\.at/);
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
    store.record(attempt('a', true, '2026-01-01T10:00:00.000Z'));
    const before = fs.readFileSync(store.file, 'utf8');
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation(() => {
      throw full;
    });
    try {
      expect(() => store.record(attempt('b', true, '2026-01-01T10:01:00.000Z'))).toThrow(/the disk is full/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(store.file, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
    expect(store.load().attempts.map((a) => a.id)).toEqual(['a']);
  });
});

describe('derived progress', () => {
  it('queues questions whose latest answer is wrong, oldest first', () => {
    const progress = {
      version: 1 as const,
      attempts: [
        attempt('a', false, '2026-01-01T10:00:00.000Z'),
        attempt('b', false, '2026-01-01T09:00:00.000Z'),
        attempt('c', false, '2026-01-01T08:00:00.000Z'),
        attempt('a', true, '2026-01-02T10:00:00.000Z'),
        attempt('gone', false, '2026-01-01T07:00:00.000Z'),
      ],
    };
    expect(reviewQueue(progress, new Set(['a', 'b', 'c']))).toEqual(['c', 'b']);
  });
});

describe('the data folder', () => {
  it('is --data-dir, else AIF_QUIZ_HOME, else the platform folder', () => {
    expect(dataDir('/x', { AIF_QUIZ_HOME: '/y' })).toBe('/x');
    expect(dataDir(undefined, { AIF_QUIZ_HOME: '/y' })).toBe('/y');
    expect(dataDir(undefined, {})).toMatch(/aif-quiz/);
  });
});
