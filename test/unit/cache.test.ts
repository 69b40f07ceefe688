import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBanksCached, loadSummariesCached, sameStat, type FileStat } from '../../src/bank/cache.js';
import { jsonTextIsSafe } from '../../src/bank/cache-check.js';
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
  keepTimes(path.join(dir, 'bank.yaml'));
  return path.join(dir, 'bank.yaml');
}

/** Whole seconds, so that setting them again gives the very same nanoseconds (utimes cannot restore sub-microsecond times). */
const KEPT_TIME = 1_700_000_000;
function keepTimes(file: string): void {
  fs.utimesSync(file, KEPT_TIME, KEPT_TIME);
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
    // A stat that is not the file's makes the hash decide, and the hash is wrong.
    ['a wrong content hash', (e) => ({ ...e, sources: (e.sources as { stat: FileStat }[]).map((s) => ({ ...s, stat: { ...s.stat, ctimeNs: '1' }, sha256: '0'.repeat(64) })) })],
    ['no stat and a wrong content hash', (e) => ({ ...e, sources: (e.sources as object[]).map((s) => ({ ...s, stat: undefined, sha256: '0'.repeat(64) })) })],
    ['a source of another file', (e) => ({ ...e, sources: (e.sources as object[]).map((s) => ({ ...s, file: '/elsewhere/bank.yaml' })) })],
    ['a bidirectional override written raw', (e) => {
      const questions = e.questions as { explanation: string }[];
      questions[0]!.explanation = 'Read this \u202Eresrever';
      return e;
    }],
    ['an escape sequence in an unknown field', (e) => ({ ...e, questions: [{ ...(e.questions as object[])[0], note: '\u001B[2J' }, ...(e.questions as object[]).slice(1)] })],
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
    const text = fs.readFileSync(bank, 'utf8');
    // The same length, another byte: a stem now carries a control character.
    const changed = text.replace('stem: ', 'stem: \u0007').replace(/\n\n/, '\n');
    fs.writeFileSync(bank, changed.length === text.length ? changed : text.replace('domain: 1', 'domain: 9'));
    keepTimes(bank);
    const again = await loadBanksCached([bank], { version });
    expect(again.problems.length).toBeGreaterThan(0);
  });

  it('serves a file whose stat changed but whose content did not, after hashing it', async () => {
    const bank = await bankCopy();
    const cold = await loadBanksCached([bank], { version });
    // chmod changes only the change time: the key still finds the entry, the hash says it is the same file.
    fs.chmodSync(bank, 0o600);
    fs.writeFileSync(entryFile(), fs.readFileSync(entryFile(), 'utf8').replace('"explanation":"', '"explanation":"(served from the cache) '));
    const warm = await loadBanksCached([bank], { version });
    expect(warm.problems).toEqual([]);
    expect(warm.questions[0]!.explanation).toMatch(/^\(served from the cache\) /);
    expect(warm.questions.length).toBe(cold.questions.length);
  });

  it('detects new content of the same size and modification time by its change time', async () => {
    const bank = await bankCopy();
    const cold = await loadBanksCached([bank], { version });
    await loadSummariesCached([bank], { version });
    const stat = fs.statSync(bank, { bigint: true });
    const text = fs.readFileSync(bank, 'utf8');
    const changed = text.replace(/stem: (\S)/, (_, c: string) => `stem: ${c === 'W' ? 'X' : 'W'}`);
    expect(changed.length).toBe(text.length);
    fs.writeFileSync(bank, changed);
    keepTimes(bank);
    expect(fs.statSync(bank, { bigint: true }).size).toBe(BigInt(stat.size));
    expect(fs.statSync(bank, { bigint: true }).mtimeNs).toBe(stat.mtimeNs);
    const again = await loadBanksCached([bank], { version });
    expect(again.problems).toEqual([]);
    expect(again.questions[0]!.stem).not.toBe(cold.questions[0]!.stem);
    expect((await loadSummariesCached([bank], { version })).questions).toHaveLength(cold.questions.length);
  });

  it('compares every field of a stat, and nothing that is not one', () => {
    const stat: FileStat = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' };
    expect(sameStat({ ...stat }, stat)).toBe(true);
    for (const field of Object.keys(stat) as (keyof FileStat)[]) expect(sameStat({ ...stat, [field]: '9' }, stat)).toBe(false);
    for (const other of [undefined, null, 'stat', 5, {}]) expect(sameStat(other, stat)).toBe(false);
  });

  it('scans cached JSON for unsafe text, raw or escaped, and not for escaped backslashes', () => {
    expect(jsonTextIsSafe(JSON.stringify({ stem: 'Plain text\twith a tab\nand a line, "quotes" and a \\ backslash' }))).toBe(true);
    expect(jsonTextIsSafe(JSON.stringify({ stem: 'a path C:\\new\\unit\\bank.yaml' }))).toBe(true);
    for (const unsafe of ['\u001B[2J', '\u0007', '\r', '\b', '\f', '\u202E', '\u200B', '\u0085', '\uD800']) {
      expect(jsonTextIsSafe(JSON.stringify({ stem: `text ${unsafe} text` })), JSON.stringify(unsafe)).toBe(false);
    }
    // An escape after an escaped backslash is still an escape.
    expect(jsonTextIsSafe('{"stem":"\\\\\\u001b"}')).toBe(false);
    expect(jsonTextIsSafe('{"stem":"\\\\u001b"}')).toBe(true);
  });
});
