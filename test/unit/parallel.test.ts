import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBanks, loadBanksParallel } from '../../src/bank/load.js';
import { ROOT, tempDir, writeFile } from '../helpers.js';

function bigBank(domain: number, prefix: string, count: number): string {
  const lines = [`domain: ${domain}`, 'questions:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - id: ${prefix}-${i}`,
      `    task: "${domain}.1"`,
      '    type: single',
      `    stem: Question ${prefix} ${i} with enough words to make the file large for the test?`,
      '    options:',
      '      - { text: Right, correct: true, why: Because it is. }',
      '      - { text: Wrong one, why: Because it is not. }',
      '      - { text: Wrong two, why: Because it is not. }',
      '      - { text: Wrong three, why: Because it is not. }',
      '    explanation: The rule behind it, in a sentence for the learner to keep.',
      '    references: [https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html]',
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('parsing a large bank set on two cores', () => {
  it.skipIf(!fs.existsSync(path.join(ROOT, 'dist', 'parse-worker.js')))('gives exactly the result of parsing on one', async () => {
    const dir = tempDir();
    writeFile(dir, 'a.yaml', bigBank(1, 'a', 1500));
    // Problems deep in the files: an unknown field, an id used twice, a task of the wrong domain.
    writeFile(dir, 'b.yaml', bigBank(2, 'b', 1500).replace('stem: Question b 1400 ', 'stm: x\n    stem: Question b 1400 '));
    writeFile(dir, 'c.yaml', bigBank(3, 'c', 1500).replace('  - id: c-700\n', '  - id: a-3\n').replace('task: "3.1"\n    type: single\n    stem: Question c 1200 ', 'task: "4.1"\n    type: single\n    stem: Question c 1200 '));
    const one = loadBanks([dir]);
    const two = await loadBanksParallel([dir]);
    expect(one.problems.length).toBe(3);
    expect(two.problems).toEqual(one.problems);

    const clean = tempDir();
    writeFile(clean, 'a.yaml', bigBank(1, 'a', 1500));
    writeFile(clean, 'b.yaml', bigBank(2, 'b', 1500));
    const seq = loadBanks([clean]);
    const par = await loadBanksParallel([clean]);
    expect(par.problems).toEqual([]);
    expect(par.questions).toEqual(seq.questions);
  }, 60_000);
});
