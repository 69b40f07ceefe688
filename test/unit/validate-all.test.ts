import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import { MINI_BANK, tempDir, writeFile } from '../helpers.js';

const mini = fs.readFileSync(MINI_BANK, 'utf8');

function problemsOf(text: string) {
  const file = writeFile(tempDir(), 'bank.yaml', text);
  return loadBanks([file], { strict: true }).problems.map((p) => `${p.path}  ${p.message}`);
}

describe('validate reports every problem in one run', () => {
  it('checks the rules on the questions that pass the schema while another question fails it', () => {
    const text = mini
      .replace('references: [https://aws.amazon.com/what-is/machine-learning/]', 'references: [https://aws.amazon.com/what-is/machine-learning/, "http://example.com/plain"]')
      .replace('(Select TWO.)', '')
      .replace('task: "1.3"', 'task: "1.7"')
      .replace('    type: single\n', '    type: single\n    bogus: 1\n');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(4);
    expect(problems).toContainEqual(expect.stringMatching(/^questions\[0\]\.bogus {2}question mini-single: unknown field "bogus"/));
    expect(problems).toContainEqual('questions[0].references[1]  question mini-single: the reference "http://example.com/plain" must be an https:// URL');
    expect(problems).toContainEqual(expect.stringMatching(/^questions\[1\]\.stem {2}question mini-multiple: the stem must say how many to pick/));
    expect(problems).toContainEqual(expect.stringMatching(/^questions\[2\]\.task {2}question mini-ordering: task "1\.7" does not exist/));
  });

  it('keeps positions and scenario links right when a scenario or an earlier question is broken', () => {
    const text = mini
      .replace('    title: A small shop\n', '')
      .replace('    type: single\n', '    type: singular\n')
      .replace('task: "1.3"', 'task: "1.7"');
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.stringMatching(/^scenarios\[0\]\.title {2}"title" is missing/));
    expect(problems).toContainEqual(expect.stringMatching(/^questions\[0\]\.type /));
    expect(problems).toContainEqual(expect.stringMatching(/^questions\[2\]\.task {2}question mini-ordering: task "1\.7"/));
    // The matching question names the broken scenario: that is not a second problem.
    expect(problems.join('\n')).not.toContain('is not defined in this file');
    expect(problems).toHaveLength(3);
  });

  it('loads no questions while any problem remains', () => {
    const file = writeFile(tempDir(), 'bank.yaml', mini.replace('    type: single\n', '    type: single\n    bogus: 1\n'));
    expect(loadBanks([file]).questions).toEqual([]);
  });
});
