import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/engine/random.js';
import { readProgress } from '../src/progress/store.js';
import { ROOT, tempDir } from './helpers.js';
import { buildStoreBundle } from './scripts/store-bundle.js';

const WRITER = path.join(ROOT, 'test', 'scripts', 'writer.mjs');
let store = '';
beforeAll(async () => {
  store = await buildStoreBundle();
}, 60_000);

function writer(dir: string, tag: string, count: number, env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [WRITER, dir, tag, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AIF_QUIZ_STORE: store, ...env },
  });
}

function finished(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

/** A lock left by a writer that died holding it: its owner process is gone and it is old. */
function staleLock(dir: string): void {
  const lock = path.join(dir, 'progress.json.lock');
  fs.mkdirSync(lock, { recursive: true });
  fs.writeFileSync(path.join(lock, 'owner'), `999999 ${'no-such-host'} 0`);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
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

  it('keeps every answer of four writers that start together on a stale lock, round after round', async () => {
    const dir = tempDir();
    const rounds = 2;
    const perWriter = 255;
    let errors = '';
    for (let round = 0; round < rounds; round++) {
      // Each round starts on a dead writer's lock: all four judge it stale at once, and exactly
      // one may take it over.
      staleLock(dir);
      const children = ['a', 'b', 'c', 'd'].map((w) => writer(dir, `${w}${round}`, perWriter, { AIF_QUIZ_IDS: '20' }));
      for (const child of children) child.stderr!.on('data', (d) => (errors += String(d)));
      expect(await Promise.all(children.map(finished))).toEqual([0, 0, 0, 0]);
    }
    expect(errors).toBe('');
    const progress = readProgress(path.join(dir, 'progress.json'));
    const total = rounds * 4 * perWriter;
    // Every answer counts once in its question's attempts: a lost answer would show as fewer.
    const saved = Object.values(progress.questions).reduce((n, q) => n + q.attempts, 0);
    expect(Object.keys(progress.questions)).toHaveLength(rounds * 4 * 20);
    expect(saved).toBe(total);
    expect(Object.values(progress.days).reduce((n, d) => n + d.answered, 0)).toBe(total);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
    console.log(`four writers on a stale lock: ${total} answers written, ${total - saved} lost`);
  }, 300_000);

  it('loses no acknowledged answer when two writers are killed with SIGKILL mid-save, again and again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    const random = seededRandom(11);
    const acknowledged = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const children = ['x', 'y'].map((w) => writer(dir, `${w}${round}`, 0, { AIF_QUIZ_ACK: '1' }));
      let errors = '';
      for (const child of children) {
        child.stderr!.on('data', (d) => (errors += String(d)));
        let partial = '';
        child.stdout!.on('data', (d) => {
          const lines = (partial + String(d)).split('\n');
          partial = lines.pop()!;
          for (const id of lines) acknowledged.add(id);
        });
      }
      // Once both are saving, kill each at its own random moment: holding the lock, writing the
      // temporary file, renaming, or between saves.
      const delays = children.map(() => 100 + Math.floor(random() * 400));
      await Promise.all(
        children.map(async (child, i) => {
          await new Promise<void>((resolve) => {
            child.stdout!.once('data', () => resolve());
            child.once('exit', () => resolve());
          });
          await new Promise((r) => setTimeout(r, delays[i]));
          child.kill('SIGKILL');
          await finished(child);
        }),
      );
      expect(errors).toBe('');
      const saved = new Set(Object.keys(readProgress(file).questions)); // throws if torn or invalid
      const lost = [...acknowledged].filter((id) => !saved.has(id));
      expect(lost).toEqual([]);
    }
    expect(acknowledged.size).toBeGreaterThan(100);
    console.log(`two writers killed 8 times: ${acknowledged.size} acknowledged answers, 0 lost`);
    // The next save recovers the dead writer's lock at once and clears what killed writers left behind.
    expect(await finished(writer(dir, 'last', 1))).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['progress.json']);
  }, 300_000);

  it('always leaves a complete, valid file when a writer is killed mid-save, again and again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'progress.json');
    const random = seededRandom(7);
    let before = 0;
    for (let round = 0; round < 10; round++) {
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
  }, 300_000);
});
