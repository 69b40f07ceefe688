import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import { MINI_BANK, tempDir, writeFile } from '../helpers.js';

const mini = fs.readFileSync(MINI_BANK, 'utf8');

function load(text: string, strict = false) {
  const dir = tempDir();
  const file = writeFile(dir, 'bank.yaml', text);
  return { file, ...loadBanks([file], { strict }) };
}

const single = (extra = '', id = 'q-one') => `domain: 1
questions:
  - id: ${id}
    task: "1.1"
    objective: "1.1.1"
    type: single
    difficulty: 2
    stem: Which one is right?${extra}
    options:
      - { text: Right, correct: true, why: Because. }
      - { text: Wrong one, why: Because not. }
      - { text: Wrong two, why: Because not. }
      - { text: Wrong three, why: Because not. }
    explanation: The rule.
    references: [https://docs.aws.amazon.com/x.html]
    reviewed: 2026-12-01
`;

describe('loading a bank', () => {
  it('turns a valid bank into questions of every type', () => {
    const result = loadBanks([MINI_BANK], { strict: true });
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'ordering', 'matching']);
    const matching = result.questions[3]!;
    expect(matching.type === 'matching' && matching.responses).toContain('Amazon Polly');
    expect(matching.scenario?.title).toBe('A small shop');
    expect(result.questions[0]!.source.line).toBe(9);
  });

  it('reports broken YAML with its line and column', () => {
    const { problems } = load('domain: 1\nquestions:\n  - id: x\n    stem: [unclosed\n');
    expect(problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/^YAML syntax/) });
  });

  it('reports an unknown field at the key, with a suggestion', () => {
    const { problems } = load(single().replace('    explanation:', '    explantion: typo\n    explanation:'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 14,
      column: 5,
      path: 'questions[0].explantion',
      message: 'question q-one: unknown field "explantion"; did you mean "explanation"?',
    });
  });

  it('reports a wrong type and a missing field by name', () => {
    const { problems } = load(single().replace('difficulty: 2', 'difficulty: hard').replace('    explanation: The rule.\n', ''));
    const messages = problems.map((p) => `${p.line}:${p.path} ${p.message}`);
    expect(messages).toContain('7:questions[0].difficulty question q-one: "difficulty" must be 1, 2 or 3');
    expect(messages.some((m) => m.includes('"explanation" is missing'))).toBe(true);
  });

  it('reports a duplicate id across files, naming the first place', () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.yaml', single());
    const b = writeFile(dir, 'b.yaml', single(' Really?'));
    const { problems } = loadBanks([a, b]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: b, line: 3, message: expect.stringContaining(`id is already used at ${a}:3`) });
  });

  it('checks that a multiple-response stem announces as many answers as are marked', () => {
    const { problems } = load(mini.replace('(Select TWO.)', '(Select THREE.)'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('question mini-multiple: the stem says select THREE, but 2 options are marked correct');
  });

  it('rejects a task that does not exist and an objective of another task', () => {
    const { problems } = load(single().replace('task: "1.1"', 'task: "1.9"'));
    expect(problems.map((p) => p.message)).toContain('question q-one: task "1.9" does not exist in the exam guide');
    const other = load(single().replace('objective: "1.1.1"', 'objective: "1.2.1"'));
    expect(other.problems[0]!.message).toBe('question q-one: objective 1.2.1 belongs to task 1.2, not 1.1');
  });

  it('rejects a reference that is not https', () => {
    const { problems } = load(single().replace('https://docs', 'http://docs'));
    expect(problems[0]).toMatchObject({ path: 'questions[0].references[0]', message: expect.stringContaining('must be an https:// URL') });
  });

  it('rejects terminal escapes, control characters and bidi overrides in any text', () => {
    for (const hostile of ['\\e[2J', '\\u0007', '\\u202E']) {
      const { problems } = load(single().replace('stem: Which one is right?', `stem: "Which ${hostile} one?"`));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe('questions[0].stem');
    }
  });

  it('refuses YAML aliases that would expand exponentially', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { problems } = load(`${bomb.join('\n')}\ndomain: 1\nquestions: []\n`);
    expect(problems[0]!.message).toMatch(/could not be read|alias/i);
  });

  it('reports every problem of every file at once', () => {
    const dir = tempDir();
    writeFile(dir, 'a.yaml', single().replace('task: "1.1"', 'task: "7.7"'));
    writeFile(dir, 'b.yaml', 'domain: 9\nquestions: []\n');
    writeFile(dir, 'notes.txt', 'ignored: not a bank');
    const { problems, files } = loadBanks([dir]);
    expect(files).toHaveLength(2);
    expect(new Set(problems.map((p) => p.file)).size).toBe(2);
  });

  it('applies the quality rules only in strict mode', () => {
    const loose = single().replace('    objective: "1.1.1"\n', '').replace(', why: Because not. }', ' }').replace('Wrong two', 'None of the above');
    expect(load(loose).problems).toEqual([]);
    const messages = load(loose, true).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'question q-one: has no "objective" (required for shipped questions)',
        'question q-one: this option has no "why" explanation',
        'question q-one: "all/none/both of the above" options are not allowed; write a real option',
      ]),
    );
  });

  it('in strict mode, rejects a bank whose key sits at one length rank too often', () => {
    // Eight single-answer questions whose key is always the longest option.
    const questions = Array.from({ length: 8 }, (_, i) =>
      single('', `q-${i}`).split('questions:\n')[1]!.replace('Which one is right?', `Which one is right, case ${i}?`)
        .replace('{ text: Right, correct: true', '{ text: The right answer by far, correct: true'),
    );
    const { problems } = load(`domain: 1\nquestions:\n${questions.join('')}`, true);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/the correct option is the longest in 8 of 8 single-answer questions \(allowed 1-3/)]),
    );
  });

  it('in strict mode, requires the reviewed date and a why for every step and pair', () => {
    const text = mini.replaceAll('    reviewed: 2026-12-01\n', '').replace('{ text: Collect data, why: There is nothing to learn from before. }', 'Collect data')
      .replace('answer: Amazon Textract, why: It reads documents. }', 'answer: Amazon Textract }');
    const messages = load(text, true).problems.map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/question mini-single: has no "reviewed" date/),
      'question mini-ordering: this step has no "why" (write it as { text, why }: why it stands where it does)',
      'question mini-matching: this pair has no "why" explanation',
    ]));
  });

  it('rejects a reviewed date that is not a real day', () => {
    const messages = load(single().replace('reviewed: 2026-12-01', 'reviewed: 2026-02-30')).problems.map((p) => p.message);
    expect(messages.join('\n')).toMatch(/real calendar date/);
  });

  it('in strict mode, rejects two stems that differ only in case and spacing', () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.yaml', single());
    const b = writeFile(dir, 'b.yaml', single('', 'q-two').replace('Which one is right?', 'WHICH  one is   right?'));
    expect(loadBanks([a, b], { strict: true }).problems[0]!.message).toMatch(/same stem as question q-one/);
  });

  it('says when a path does not exist', () => {
    const { problems } = loadBanks(['/no/such/bank.yaml']);
    expect(problems[0]!.message).toBe('no such file or folder');
  });
});
