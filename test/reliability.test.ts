import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/engine/random.js';
import { readProgress } from '../src/progress/store.js';
import { ROOT, tempDir } from './helpers.js';

const WRITER = path.join(ROOT, 'test', 'scripts', 'writer.mjs');

function writer(dir: string, tag: string, count: number) {
  return spawn(process.execPath, [WRITER, dir, tag, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('progress under stress', () => {
  it('keeps every answer when two processes answer at the same time', async () => {
    const dir = tempDir();
    const a = writer(dir, 'a', 300);
    const b = writer(dir, 'b', 300);
    let errors = '';
    for (const child of [a, b]) child.stderr!.on('data', (d) => (errors += String(d)));
    expect(await Promise.all([finished(a), finished(b)])).toEqual([0, 0]);
    expect(errors).toBe('');
    const progress = readProgress(path.join(dir, 'progress.json'));
    const ids = Object.keys(progress.questions);
    expect(ids.filter((id) => id.startsWith('a-'))).toHaveLength(300);
    expect(ids.filter((id) => id.startsWith('b-'))).toHaveLength(300);
    expect(progress.history).toHaveLength(600);
  }, 60_000);

  it('always leaves a complete, valid file when a writer is killed mid-save, again and again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    const random = seededRandom(7);
    let before = 0;
    for (let round = 0; round < 25; round++) {
      const child = writer(dir, `r${round}`, 0);
      // Wait until it is saving, then kill it at a random moment.
      let errors = '';
      child.stderr!.on('data', (d) => (errors += String(d)));
      await new Promise<void>((resolve) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', () => resolve());
      });
      expect(errors).toBe('');
      await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
      child.kill('SIGKILL');
      await finished(child);
      const progress = readProgress(file); // throws if the file were torn or invalid
      const now = Object.keys(progress.questions).length;
      expect(now).toBeGreaterThan(before);
      before = now;
    }
    // The next save clears what killed writers left behind: no temporary file, no stuck lock.
    expect(await finished(writer(dir, 'last', 1))).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
  }, 120_000);
});
