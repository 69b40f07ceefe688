import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, MINI_BANK, ROOT, tempDir, writeFile } from './helpers.js';
import { cleanEnv } from './pty.js';
import { domainsOutput, examHistoryOutput, statsOutput, validateOutput } from '../src/cli/json-output.js';

/** Run the built CLI without a terminal, as a script or CI would. */
function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: cleanEnv({ AIF_QUIZ_HOME: tempDir(), ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('aif-quiz without a terminal', () => {
  it('prints its version and help', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'practice', 'review', 'validate', 'domains']) expect(help.stdout).toContain(command);
  });

  it('refuses interactive commands with a clear message and exit code 2', () => {
    for (const args of [['start'], ['practice', '--domain', '1'], ['review', '--count', '1']]) {
      const command = args[0]!;
      const dataDir = tempDir();
      // review only needs a terminal when there is something to review
      if (command === 'review') {
        fs.writeFileSync(
          path.join(dataDir, 'progress.json'),
          JSON.stringify({ version: 1, attempts: [{ id: 'mini-single', at: '2026-01-01T00:00:00.000Z', answer: { type: 'single', choice: 1 }, correct: false, seconds: 3, mode: 'practice' }] }),
          // an old-format file: it is migrated on the way
        );
      }
      const result = run([...args, '--bank-only', '--bank', MINI_BANK], { AIF_QUIZ_HOME: dataDir });
      expect(result.code, command).toBe(2);
      expect(result.stderr).toContain('is interactive and needs a terminal');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('answers usage errors with the usage message and exit code 2', () => {
    for (const args of [['practice', '--domain', '9'], ['practice', '--count', '-1'], ['practice', '--count', 'x'], ['practice', '--task', '9.9'], ['frobnicate'], ['--nope']]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/error:/);
    }
  });

  it('says plainly when there is nothing to review', () => {
    const result = run(['review', '--bank-only', '--bank', MINI_BANK]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to review');
  });

  it('refuses a corrupt progress file without changing it', () => {
    const dataDir = tempDir();
    const file = writeFile(dataDir, 'progress.json', '{ not json');
    const result = run(['review', '--bank-only', '--bank', MINI_BANK], { AIF_QUIZ_HOME: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Your progress file ${file} cannot be used`);
    expect(result.stderr).toContain('mv ');
    expect(fs.readFileSync(file, 'utf8')).toBe('{ not json');
  });
});

describe('aif-quiz validate', () => {
  it('passes a valid bank and counts it by domain and type', () => {
    const result = run(['validate', '--strict', MINI_BANK]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 file, 4 questions: valid (strict)');
    expect(result.stdout).toContain('single: 1 · multiple: 1 · ordering: 1 · matching: 1');
  });

  it('lists every problem as file:line:column and exits 1', () => {
    const dir = tempDir();
    writeFile(dir, 'bad.yaml', fs.readFileSync(MINI_BANK, 'utf8').replace('task: "1.3"', 'task: "1.7"').replace('(Select TWO.)', ''));
    const result = run(['validate', dir]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/bad\.yaml:\d+:\d+ {2}questions\[1\]\.stem {2}question mini-multiple: the stem must say how many to pick/);
    expect(lines[1]).toMatch(/bad\.yaml:\d+:\d+ {2}questions\[2\]\.task {2}question mini-ordering: task "1\.7" does not exist/);
    expect(result.stderr).toContain('2 problems in 1 file');
  });

  it('prints machine-readable results with --json', () => {
    const result = run(['validate', '--json', MINI_BANK]);
    const data = JSON.parse(result.stdout) as { valid: boolean; questions: number; byType: Record<string, number> };
    expect(data).toMatchObject({ valid: true, questions: 4, byType: { single: 1, multiple: 1, ordering: 1, matching: 1 } });
  });
});

describe('aif-quiz domains', () => {
  it('lists the five domains with weights and counts, also as JSON', () => {
    const result = run(['domains', '--json', '--bank-only', '--bank', MINI_BANK]);
    const data = JSON.parse(result.stdout) as { total: number; domains: { id: number; weight: number; questions: number }[] };
    expect(data.total).toBe(4);
    expect(data.domains.map((d) => d.weight)).toEqual([20, 24, 28, 14, 14]);
    expect(data.domains[0]!.questions).toBe(4);
    const text = run(['domains']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Domain 3: Applications of Foundation Models');
  });

  it('refuses to use a broken user bank, pointing at validate', () => {
    const dir = tempDir();
    const bank = writeFile(dir, 'mine.yaml', 'domain: 1\nquestions:\n  - id: x\n');
    const result = run(['domains', '--bank', bank]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mine.yaml:3:');
    expect(result.stderr).toMatch(/aif-quiz(\.js)? validate/);
  });
});

describe('machine-readable output', () => {
  it('matches the documented shape for every --json command', () => {
    const home = tempDir();
    const env = { AIF_QUIZ_HOME: home };
    validateOutput.parse(JSON.parse(run(['validate', '--json'], env).stdout));
    const dir = tempDir();
    const bad = writeFile(dir, 'bad.yaml', 'domain: 1\nquestions:\n  - id: x\n');
    const invalid = run(['validate', '--json', bad], env);
    expect(invalid.code).toBe(1);
    expect(validateOutput.parse(JSON.parse(invalid.stdout)).valid).toBe(false);
    domainsOutput.parse(JSON.parse(run(['domains', '--json'], env).stdout));
    statsOutput.parse(JSON.parse(run(['stats', '--json'], env).stdout));
    examHistoryOutput.parse(JSON.parse(run(['exam', '--history', '--json'], env).stdout));
  });

  it('prints no escape codes with NO_COLOR, and colour with FORCE_COLOR', () => {
    for (const args of [['domains'], ['validate', MINI_BANK], ['stats'], ['--help'], ['exam', '--history']]) {
      expect(run(args).stdout, args.join(' ')).not.toMatch(/\u001B\[/);
    }
    const forced = run(['domains'], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(forced.stdout).toMatch(/\u001B\[/);
    expect(run(['domains', '--no-color'], { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).not.toMatch(/\u001B\[/);
  });
});

describe('aif-quiz new-bank', () => {
  it('writes a starter bank with one question of each type that passes strict validation', () => {
    const file = path.join(tempDir(), 'mine.yaml');
    expect(run(['new-bank', file]).code).toBe(0);
    const check = run(['validate', '--strict', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('single: 1 · multiple: 1 · ordering: 1 · matching: 1');
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*bank\.schema\.json$/);
    expect(run(['validate', '--strict', '--bank', file]).code).toBe(0);
    const again = run(['new-bank', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});

describe('conflicting options', () => {
  it('are usage errors that name the conflict', () => {
    const cases: [string[], string][] = [
      [['practice', '--domain', '1', '--task', '2.1'], '--task 2.1 belongs to domain 2, not --domain 1'],
      [['export', '--domain', '2', '--task', '1.1'], '--task 1.1 belongs to domain 1, not --domain 2'],
      [['export', '--force'], '--force only applies with --output'],
      [['validate', '--watch', '--json', MINI_BANK], '--watch and --json do not go together'],
      [['validate', MINI_BANK, '--bank', MINI_BANK], 'either as paths or with --bank'],
      [['practice', '--seed', 'x'], 'The seed must be a whole number'],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('settings --confidence confirms what it saved', () => {
    const home = tempDir();
    const off = run(['settings', '--confidence', 'off'], { AIF_QUIZ_HOME: home });
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^Saved\. confidence: off/);
    expect(run(['settings'], { AIF_QUIZ_HOME: home }).stdout).toMatch(/^confidence: off/);
  });
});

describe('aif-quiz export', () => {
  it('exports all questions or a filtered set, and never overwrites a file without --force', () => {
    const bank = ['--bank-only', '--bank', MINI_BANK];
    const all = run(['export', ...bank]);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\r\n')[0]).toBe('"guid","id","domain","task","tags","question","answer","explanation","references"');
    expect(all.stdout.match(/"aif-quiz:mini-/g)).toHaveLength(4);
    const task = run(['export', '--task', '1.3', ...bank]);
    expect(task.stdout.match(/"aif-quiz:mini-/g)).toHaveLength(1);

    const file = path.join(tempDir(), 'deck.txt');
    const first = run(['export', '--format', 'anki', '--output', file, ...bank]);
    expect(first).toMatchObject({ code: 0, stderr: `Wrote 4 questions to ${file}.\n` });
    fs.writeFileSync(file, 'my own notes');
    const again = run(['export', '--format', 'anki', '--output', file, ...bank]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; it was left as it is');
    expect(again.stderr).toContain('--force');
    expect(fs.readFileSync(file, 'utf8')).toBe('my own notes');
    expect(run(['export', '--format', 'anki', '--output', file, '--force', '--task', '1.1', ...bank])).toMatchObject({ code: 0, stderr: `Wrote 1 question to ${file}.\n` });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^#separator:tab\n/);
  });

  it('says what is wrong with a selection that cannot work', () => {
    const bank = ['--bank-only', '--bank', MINI_BANK];
    const conflict = run(['export', '--domain', '2', '--task', '1.1', ...bank]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('--task 1.1 belongs to domain 1, not --domain 2');
    expect(run(['export', '--force', ...bank]).code).toBe(2);
    const none = run(['export', '--tag', 'no-such-tag', ...bank]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No questions match tag no-such-tag; nothing was written.');
    expect(run(['export', '--missed', ...bank])).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('help', () => {
  it('lists every option with its default and ends with examples, for every command', () => {
    const main = run(['--help']).stdout;
    expect(main).toMatchSnapshot();
    for (const command of ['start', 'practice', 'review', 'exam', 'stats', 'plan', 'export', 'settings', 'new-bank', 'validate', 'domains']) {
      const help = run([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout.trimEnd().split('\n').at(-1)).toMatch(/^ {2}\$ aif-quiz /);
      expect(help.stdout).toMatchSnapshot(command);
    }
  });
});
