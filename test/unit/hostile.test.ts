import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadBanks } from '../../src/bank/load.js';
import { formatProblem } from '../../src/cli/banks.js';
import { needsEscape } from '../../src/cli/escape.js';
import { BIN, tempDir, writeFile } from '../helpers.js';

/**
 * Every field of every question type, of a scenario and of the bank itself, fed every kind of
 * text that could act on a terminal or hide a difference. The loader must reject each with a
 * message that points at the field, and nothing of the payload may be printed raw.
 */

const PAYLOADS: Record<string, string> = {
  CSI: '\u001B[2J\u001B[31m',
  'OSC 8 link': '\u001B]8;;https://evil.example\u0007click\u001B]8;;\u0007',
  'OSC 52 clipboard write': '\u001B]52;c;ZXZpbA==\u0007',
  'C1 CSI': '\u009B31m',
  'C1 OSC': '\u009D0;title\u009C',
  BEL: '\u0007',
  DEL: '\u007F',
  'bidi override': '\u202Eevil\u202C',
  'bidi isolate': '\u2066x\u2069',
  'zero-width space': '\u200B',
  'zero-width joiner': '\u200D',
  'word joiner': '\u2060',
  BOM: '\uFEFF',
};

const REF = 'https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html';

function baseBank(): Record<string, unknown> {
  return {
    domain: 1,
    title: 'Hostile bank',
    scenarios: [{ id: 'cs-one', title: 'A case', text: 'A company wants something.' }],
    questions: [
      {
        id: 'h-single', task: '1.1', objective: '1.1.1', type: 'single', difficulty: 1, tags: ['tag-one'], scenario: 'cs-one', reviewed: '2026-11-30',
        stem: 'Which one is right?',
        options: [
          { text: 'Right', correct: true, why: 'Because.' },
          { text: 'Wrong a', why: 'No.' },
          { text: 'Wrong b', why: 'No.' },
          { text: 'Wrong c', why: 'No.' },
        ],
        explanation: 'Explained.', references: [REF],
      },
      {
        id: 'h-multiple', task: '1.1', type: 'multiple',
        stem: 'Which two are right? (Select TWO.)',
        options: [
          { text: 'Right a', correct: true },
          { text: 'Right b', correct: true },
          { text: 'Wrong a' },
          { text: 'Wrong b' },
          { text: 'Wrong c' },
        ],
        explanation: 'Explained.', references: [REF],
      },
      {
        id: 'h-ordering', task: '1.1', type: 'ordering', stem: 'Put them in order.',
        steps: ['First', { text: 'Second', why: 'Then.' }, 'Third'],
        explanation: 'Explained.', references: [REF],
      },
      {
        id: 'h-matching', task: '1.1', type: 'matching', stem: 'Match them.',
        pairs: [
          { prompt: 'Prompt a', answer: 'Answer a', why: 'Fits.' },
          { prompt: 'Prompt b', answer: 'Answer b' },
          { prompt: 'Prompt c', answer: 'Answer c' },
        ],
        distractors: ['Distractor'],
        explanation: 'Explained.', references: [REF],
      },
    ],
  };
}

/** Every string field of the base bank, as a path. */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function setAt(root: unknown, at: (string | number)[], change: (old: string) => string): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of at.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  node[last] = change(node[last] as string);
}

function formatted(at: (string | number)[]): string {
  return at.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

describe('a hostile bank', () => {
  it('is valid without payloads (the cases below change one field each)', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'bank.yaml', stringify(baseBank()));
    expect(loadBanks([file]).problems).toEqual([]);
  });

  const paths = stringPaths(baseBank()).filter((at) => at.at(-1) !== 'type');
  it(`rejects every payload in every one of the ${paths.length} text fields, at that field, printed escaped`, () => {
    const dir = tempDir();
    let cases = 0;
    for (const [name, payload] of Object.entries(PAYLOADS)) {
      // One bank per payload, with the payload in every field at once: every one must be reported.
      const bank = baseBank();
      for (const at of paths) setAt(bank, at, (old) => `${old}${payload}`);
      const file = writeFile(dir, `case-${name.replace(/\W/g, '-')}.yaml`, stringify(bank));
      const { problems, questions } = loadBanks([file]);
      expect(questions).toEqual([]);
      for (const at of paths) {
        const where = formatted(at);
        const found = problems.find((p) => p.path === where && /contains/.test(p.message));
        expect(found, `${name} in ${where}: ${JSON.stringify(problems.filter((p) => p.path === where))}`).toBeDefined();
        cases++;
      }
      for (const p of problems) expect(needsEscape(formatProblem(p)), `${name}: ${p.path}`).toBe(false);
    }
    expect(cases).toBe(Object.keys(PAYLOADS).length * paths.length);
  });

  it('rejects a payload in a field name (an unknown field), printed escaped', () => {
    const dir = tempDir();
    const bank = baseBank();
    (bank.questions as Record<string, unknown>[])[0]!['x\u001B]52;c;ZXZpbA==\u0007'] = 'y';
    const file = writeFile(dir, 'bank.yaml', stringify(bank));
    const { problems } = loadBanks([file]);
    expect(problems.some((p) => /field name contains/.test(p.message))).toBe(true);
    for (const p of problems) expect(needsEscape(formatProblem(p))).toBe(false);
  });

  it('says two options that differ only by an invisible character or a compatibility form are the same', () => {
    const dir = tempDir();
    const bank = baseBank();
    const options = (bank.questions as { options: { text: string }[] }[])[0]!.options;
    options[2]!.text = 'Ｗｒｏｎｇ ａ'; // full-width: the same as "Wrong a" to a reader
    const file = writeFile(dir, 'bank.yaml', stringify(bank));
    expect(loadBanks([file]).problems.map((p) => `${p.path} ${p.message}`)).toContainEqual(expect.stringMatching(/options\[2\]\.text .*repeats the text of an earlier option/));
    options[2]!.text = 'Wrong\u200B a';
    const file2 = writeFile(dir, 'bank2.yaml', stringify(bank));
    expect(loadBanks([file2]).problems.map((p) => p.path)).toContain('questions[0].options[2].text');
  });

  it('validate prints every problem escaped, in text and in JSON, with no raw control byte', () => {
    const dir = tempDir();
    const bank = baseBank();
    const q = (bank.questions as Record<string, unknown>[])[0]!;
    q.id = 'bad\u001B[2J\u001B]52;c;ZXZpbA==\u0007';
    q.references = [`${REF}\u001B]8;;https://evil\u0007`];
    q['st\u009Bem'] = 'x';
    const file = writeFile(dir, 'bad\u001B[31mname.yaml', stringify(bank));
    for (const args of [['validate', file], ['validate', '--json', file]]) {
      const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', AIF_QUIZ_CACHE: tempDir() } });
      expect(result.status).toBe(1);
      const out = result.stdout + result.stderr;
      expect(needsEscape(out.replace(/\u001B\[[0-9;]*m/g, ''))).toBe(false);
      expect(out).not.toMatch(/\u001B\]|\u009B|\u0007/);
      expect(out).toMatch(/questions\[0\]\.references\[0\]/);
      if (args.includes('--json')) expect((JSON.parse(result.stdout) as { problems: unknown[] }).problems.length).toBeGreaterThan(2);
    }
  });

  it('skips a named pipe and a link to /dev/zero with a clear problem, without hanging or growing', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'good.yaml'), stringify(baseBank()));
    spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const { problems } = loadBanks([dir]);
    const byFile = Object.fromEntries(problems.map((p) => [path.basename(p.file), p.message]));
    if (fs.existsSync(path.join(dir, 'pipe.yaml'))) expect(byFile['pipe.yaml']).toMatch(/named pipe.*skipped/);
    expect(byFile['zero.yaml']).toMatch(/device.*skipped/);
  });

  it('stops reading a file at the 8 MiB cap, whatever its size claims', () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, `domain: 1\n# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    expect(loadBanks([big]).problems[0]!.message).toMatch(/at most 8 MiB/);
  });
});
