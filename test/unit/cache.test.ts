import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBanksCached } from '../../src/bank/cache.js';
import { MINI_BANK, tempDir } from '../helpers.js';

const version = 'test';
let cache = '';
let previous: string | undefined;
beforeEach(() => {
  previous = process.env.AIF_QUIZ_CACHE;
  cache = tempDir('aif-quiz-cache-');
  process.env.AIF_QUIZ_CACHE = cache;
});
afterEach(() => {
  if (previous === undefined) delete process.env.AIF_QUIZ_CACHE;
  else process.env.AIF_QUIZ_CACHE = previous;
});

function entryFile(): string {
  const name = fs.readdirSync(cache).find((n) => /^banks-[0-9a-f]+\.json$/.test(n))!;
  return path.join(cache, name);
}

async function bankCopy(): Promise<string> {
  const dir = tempDir();
  fs.copyFileSync(MINI_BANK, path.join(dir, 'bank.yaml'));
  return path.join(dir, 'bank.yaml');
}

describe('the bank cache', () => {
  it('serves an unchanged bank set from the cache', async () => {
    const bank = await bankCopy();
    const cold = await loadBanksCached([bank], { version });
    const warm = await loadBanksCached([bank], { version });
    expect(warm.questions).toEqual(JSON.parse(JSON.stringify(cold.questions)));
  });

  const poisons: [string, (entry: Record<string, unknown>) => unknown][] = [
    ['an injected escape sequence', (e) => {
      const questions = e.questions as { stem: string }[];
      questions[0]!.stem = '\u001B]52;c;ZXZpbA==\u0007\u001B[2J';
      return e;
    }],
    ['a changed key', (e) => {
      const questions = e.questions as { id: string }[];
      questions[0]!.id = 'Not An Id';
      return e;
    }],
    ['questions that are not a list', (e) => ({ ...e, questions: { length: 1 } })],
    ['a question of no known type', (e) => ({ ...e, questions: [{ ...(e.questions as object[])[0], type: 'essay' }] })],
    ['options that are not a list', (e) => ({ ...e, questions: [{ ...(e.questions as object[])[0], type: 'single', options: 'x' }] })],
    ['null', () => null],
    ['a number', () => 42],
    ['a wrong format', (e) => ({ ...e, format: 999 })],
    ['another version', (e) => ({ ...e, version: 'other' })],
    ['no sources', (e) => ({ ...e, sources: undefined })],
    ['a wrong content hash', (e) => ({ ...e, sources: (e.sources as { file: string }[]).map((s) => ({ ...s, sha256: '0'.repeat(64) })) })],
  ];
  for (const [what, poison] of poisons) {
    it(`treats an entry with ${what} as a miss and validates for real`, async () => {
      const bank = await bankCopy();
      const cold = await loadBanksCached([bank], { version });
      const file = entryFile();
      fs.writeFileSync(file, JSON.stringify(poison(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)));
      const warm = await loadBanksCached([bank], { version });
      expect(warm.problems).toEqual([]);
      expect(warm.questions).toEqual(cold.questions);
    });
  }

  it('treats malformed JSON as a miss', async () => {
    const bank = await bankCopy();
    const cold = await loadBanksCached([bank], { version });
    fs.writeFileSync(entryFile(), '{"format": 3, "questions": [');
    expect((await loadBanksCached([bank], { version })).questions).toEqual(cold.questions);
  });

  it('misses when the content changes but the size and time are kept', async () => {
    const bank = await bankCopy();
    await loadBanksCached([bank], { version });
    const stat = fs.statSync(bank);
    const text = fs.readFileSync(bank, 'utf8');
    // The same length, another byte: a stem now carries a control character.
    const changed = text.replace('stem: ', 'stem: \u0007').replace(/\n\n/, '\n');
    fs.writeFileSync(bank, changed.length === text.length ? changed : text.replace('domain: 1', 'domain: 9'));
    fs.utimesSync(bank, stat.atime, stat.mtime);
    const again = await loadBanksCached([bank], { version });
    expect(again.problems.length).toBeGreaterThan(0);
  });
});
