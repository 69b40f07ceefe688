import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, MINI_BANK, tempDir } from './helpers.js';
import { cleanEnv } from './pty.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGINT');
});

/** `validate --watch` as a user runs it, with a way to wait for what it prints next. */
function watchProcess(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'validate', '--watch', ...args], {
    env: cleanEnv({ AIF_QUIZ_HOME: tempDir(), AIF_QUIZ_CACHE: tempDir() }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  let seen = 0;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    get output() {
      return output;
    },
    /** Wait until `pattern` appears in what was printed since the last wait. */
    async next(pattern: RegExp): Promise<string> {
      for (let waited = 0; waited < 20_000; waited += 50) {
        const fresh = output.slice(seen);
        const match = pattern.exec(fresh);
        if (match) {
          seen += match.index + match[0].length;
          return fresh;
        }
        if (child.exitCode !== null) throw new Error(`validate --watch exited with ${child.exitCode}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`gave up waiting for ${pattern}; output so far:\n${output}`);
    },
  };
}

/** What editors such as vim and VS Code do on save: write a temporary file, then rename it over the original. */
function safeWrite(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

const valid = fs.readFileSync(MINI_BANK, 'utf8');
const broken = valid.replace('task: "1.3"', 'task: "1.7"');

describe('validate --watch', () => {
  it('keeps seeing changes after an editor safe-writes the bank, again and again', async () => {
    const file = path.join(tempDir(), 'bank.yaml');
    fs.writeFileSync(file, valid);
    const watch = watchProcess([file]);
    await watch.next(/4 questions: valid[\s\S]*Watching for changes/);
    for (let round = 0; round < 2; round++) {
      safeWrite(file, broken);
      expect(await watch.next(/1 problem in 1 file[\s\S]*Watching for changes/)).toContain('task "1.7" does not exist');
      safeWrite(file, valid);
      await watch.next(/4 questions: valid[\s\S]*Watching for changes/);
    }
  });

  it('says a missing path does not exist yet, keeps running, and checks it when it appears', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'later', 'bank.yaml');
    const watch = watchProcess([file]);
    const first = await watch.next(/Watching for changes/);
    expect(first.replace(/\s+/g, ' ')).toContain('does not exist (yet); it will be checked as soon as it appears');
    expect(first).not.toMatch(/internal error|\n\s+at /);
    fs.mkdirSync(path.dirname(file));
    safeWrite(file, valid);
    await watch.next(/4 questions: valid/);
    // Deleted and written again: still watched.
    fs.unlinkSync(file);
    await watch.next(/no such file or folder/);
    fs.writeFileSync(file, broken);
    await watch.next(/1 problem in 1 file/);
  });
});
