import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN, tempDir, writeFile } from './helpers.js';
import { cleanEnv, KEY, Terminal } from './pty.js';

/**
 * Bank text named like Object.prototype members (valueOf, toString, constructor,
 * hasOwnProperty, __proto__) as option texts, matching responses, a question id and a tag,
 * through a real practice session, then stats, export and review: everything works as for
 * any other name, and the progress file stays readable.
 */
const REF = 'https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html';
const NAMES = ['valueOf', 'toString', 'hasOwnProperty'];

function bank(): string {
  const dir = tempDir();
  return writeFile(dir, 'proto.yaml', stringify({
    domain: 1,
    questions: [
      {
        id: 'constructor', task: '1.1', type: 'single', tags: ['constructor'],
        stem: 'Which of these is the right one?',
        options: [{ text: '__proto__', correct: true, why: 'Right.' }, ...NAMES.map((text) => ({ text, why: 'Wrong.' }))],
        explanation: 'Because.', references: [REF],
      },
      {
        id: 'tostring', task: '1.1', type: 'matching', stem: 'Match them.',
        pairs: [
          { prompt: 'valueOf', answer: 'constructor' },
          { prompt: 'toString', answer: '__proto__' },
          { prompt: 'isPrototypeOf', answer: 'hasOwnProperty' },
        ],
        distractors: ['propertyIsEnumerable'],
        explanation: 'Because.', references: [REF],
      },
    ],
  }));
}

function run(args: string[], home: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: cleanEnv({ AIF_QUIZ_HOME: home, AIF_QUIZ_CACHE: path.join(home, 'cache') }), input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bank text named like Object.prototype members', () => {
  it('validates, is answered wrongly in a real session, and then counts and exports like any text', async () => {
    const file = bank();
    const home = tempDir();
    expect(run(['validate', file], home).code).toBe(0);

    const term = new Terminal(['practice', '--bank-only', '--bank', file, '--task', '1.1', '--type', 'single', '--count', '1'], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, { cols: 80, rows: 24 });
    const screen = await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    const letter = /([A-D])\) valueOf/.exec(screen.slice(screen.lastIndexOf('Your answer')))![1]!;
    term.mark();
    await term.type(letter.toLowerCase());
    await term.waitFor('✘');
    expect(term.sinceMark).not.toContain('undefined');
    await term.waitFor(/s sure/);
    await term.type('g');
    await term.waitFor('Score:');
    // The session offers to go over the missed question at once: not now.
    await term.waitFor(/Review the/);
    await term.type(KEY.down, KEY.enter);
    await term.exitCode();

    const progress = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as {
      questions: Record<string, { attempts: number; wrongPicks?: Record<string, unknown> }>;
    };
    expect(Object.keys(progress.questions)).toEqual(['constructor']);
    expect(progress.questions['constructor']!.attempts).toBe(1);
    expect(progress.questions['constructor']!.wrongPicks).toEqual({ valueOf: 1 });

    // Every later command still works on that file.
    const stats = run(['stats', '--json', '--bank-only', '--bank', file], home);
    expect(stats.code, stats.stderr).toBe(0);
    const parsed = JSON.parse(stats.stdout) as { commonMistakes: { question: string; picked: string; times: number }[] };
    expect(parsed.commonMistakes).toEqual([expect.objectContaining({ question: 'constructor', picked: 'valueOf', times: 1 })]);
    for (const format of ['csv', 'anki']) {
      const exported = run(['export', '--missed', '--format', format, '--bank-only', '--bank', file], home);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('__proto__');
    }
    const review = new Terminal(['review', '--bank-only', '--bank', file], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, { cols: 80, rows: 24 });
    const due = await review.waitFor(/Which of these is the right one\?[\s\S]*D\) /);
    expect(due).not.toContain('undefined');
    review.proc.kill('SIGTERM');
    await review.exitCode();
    // Still readable afterwards.
    expect(run(['stats', '--bank-only', '--bank', file], home).code).toBe(0);
  }, 60_000);
});
