import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { loadBanks } from '../../src/bank/load.js';
import { seededRandom } from '../../src/engine/random.js';
import { MINI_BANK, ROOT, tempDir, writeFile } from '../helpers.js';

const SEEDS = [fs.readFileSync(MINI_BANK, 'utf8'), fs.readFileSync(path.join(ROOT, 'questions/1-ai-ml-fundamentals/1.1.yaml'), 'utf8').slice(0, 6000)];
const NOISE = ['\n', ': ', '- ', '"', "'", '[', ']', '{', '}', '&a ', '*a', '!!str ', '#', '\t', '  ', '|', '>', '\u001B[31m', '\u0000', '\u202E', 'correct: true', 'type: single', '9999', 'null', '~', '---\n', '...\n', '%YAML 1.2\n'];

/** One random edit: delete, duplicate or insert noise at a random place. */
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const len = Math.floor(random() * 40);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    case 2:
      return text.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + text.slice(at);
    default: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

describe('the loader under random damage', () => {
  // A fixed number of cases, not a time budget: on a loaded machine a deadline tests the machine.
  it('always returns positioned problems or a valid bank, never throws (fixed seed, 1,200 damaged banks)', () => {
    const random = seededRandom(424242);
    let cases = 0;
    let valid = 0;
    while (cases < 1200) {
      let text = SEEDS[cases % SEEDS.length]!;
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) text = mutate(text, random);
      const result = parseBank('fuzz.yaml', text);
      if (result.problems.length === 0) {
        expect(result.bank).toBeDefined();
        valid++;
      } else {
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }
      cases++;
    }
    expect(valid).toBeGreaterThan(0);
  }, 120_000);
});

describe('hostile banks', () => {
  const problemsOf = (text: string) => {
    const file = writeFile(tempDir(), 'hostile.yaml', text);
    return loadBanks([file]).problems.map((p) => p.message);
  };
  const mini = fs.readFileSync(MINI_BANK, 'utf8');

  it('rejects escape sequences, control characters and bidi overrides, naming them', () => {
    expect(problemsOf(mini.replace('Put these steps in order.', '"Put these \\e]0;pwned\\a steps in order."'))[0]).toMatch(/terminal escape sequence/);
    expect(problemsOf(mini.replace('Put these steps in order.', '"Put \\u0008\\u0008 in order."'))[0]).toMatch(/control character U\+0008/);
    expect(problemsOf(mini.replace('Collect data', '"Collect \\u202Eatad"'))[0]).toMatch(/bidirectional control U\+202E/);
  });

  it('rejects enormous strings and files', () => {
    expect(problemsOf(mini.replace('Put these steps in order.', `"${'x'.repeat(100_000)}"`))[0]).toMatch(/at most 5000 characters/);
    const dir = tempDir();
    const huge = writeFile(dir, 'huge.yaml', `# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    expect(loadBanks([huge]).problems[0]!.message).toMatch(/a bank may be at most 8 MiB/);
  });

  it('rejects deep nesting and exponential aliases without running out of memory', () => {
    expect(problemsOf(`domain: 1\nquestions: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)[0]).toMatch(/nested too deeply|YAML/);
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(problemsOf(`${bomb.join('\n')}\n`)[0]).toMatch(/could not be read|alias/i);
  });

  it('rejects a file that is not UTF-8 text', () => {
    const file = path.join(tempDir(), 'binary.yaml');
    fs.writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]));
    expect(loadBanks([file]).problems[0]!.message).toMatch(/not valid UTF-8/);
  });
});
