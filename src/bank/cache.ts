import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import type { LoadOptions, LoadResult } from './load.js';
import type { Question } from './question.js';
import { checkedQuestions, checkedSummaries } from './cache-check.js';

/**
 * Parsing and validating YAML is by far the slowest part of starting up. A bank set that has
 * not changed since it last validated is read back from a cache keyed by its files (and the
 * tool's version, since rules change between versions), so the YAML parser and zod are not even
 * loaded. Any change to any file misses the cache; a failure to use the cache is never an
 * error, only a slower start.
 */
const CACHE_FORMAT = 3;
const KEEP = 8;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIF_QUIZ_CACHE || envPaths('aif-quiz', { suffix: '' }).cache;
}

/** What an entry says about where it came from; all of it must match for the entry to be used. */
interface EntryHeader {
  readonly format: number;
  readonly version: string;
  readonly strict: boolean;
  /** The bank files, in order, each with the sha-256 of its bytes when the entry was written. */
  readonly sources: { readonly file: string; readonly sha256: string }[];
}

interface CacheEntry extends EntryHeader {
  readonly files: string[];
  readonly questions: Question[];
}

/** What listing and counting need of a question, without its text: a much smaller read. */
export type QuestionSummary = Pick<Question, 'id' | 'domain' | 'task' | 'type'>;

export interface SummaryResult {
  readonly questions: readonly QuestionSummary[];
  readonly problems: LoadResult['problems'];
}

/**
 * The key of a bank set: every file's path, size and modification time (to the nanosecond), the
 * tool's version and the mode. It only finds the entry: the entry is then used only if the
 * sha-256 of every file's bytes is the one it was written for (see headerMatches). Stat-based
 * lookup, like make's, so a warm start parses no YAML and loads neither the YAML parser nor zod;
 * any edit to any file changes its time and so the key.
 */
function cacheKey(files: readonly string[], options: { strict?: boolean; version: string }): string | undefined {
  try {
    const parts = [String(CACHE_FORMAT), options.version, options.strict ? 'strict' : 'loose'];
    for (const file of files) {
      const stat = fs.statSync(file, { bigint: true });
      parts.push(path.resolve(file), String(stat.size), String(stat.mtimeNs), String(stat.ino));
    }
    const text = parts.join('\0');
    return `${hash53(text, 1).toString(16)}${hash53(text, 2).toString(16)}`;
  } catch {
    return undefined; // an unreadable file: the loader will say which and why
  }
}

/** cyrb53: a fast, well-mixed 53-bit string hash; two seeds give a 106-bit key. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function readEntry(name: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir(), name), 'utf8')) as unknown;
  } catch {
    return undefined; // not cached yet, or unreadable: validate for real
  }
}

/** sha-256 of each file's bytes, or undefined when one cannot be read as a bank file. */
async function hashSources(files: readonly string[]): Promise<EntryHeader['sources'] | undefined> {
  const { createHash } = await import('node:crypto');
  const { readBankBytes } = await import('./files.js');
  const sources: { file: string; sha256: string }[] = [];
  for (const file of files) {
    const read = readBankBytes(file);
    if ('problem' in read) return undefined;
    sources.push({ file: path.resolve(file), sha256: createHash('sha256').update(read.bytes).digest('hex') });
  }
  return sources;
}

/**
 * An entry is used only when everything about it holds: the format and the tool's version, the
 * mode, and the content of every source file (a sha-256 of its bytes: a size and a time can
 * be kept while the content changes). Anything else, malformed JSON or a wrong field included,
 * is a miss: the banks are validated again and the entry rewritten. Never an error.
 */
function headerMatches(entry: unknown, sources: EntryHeader['sources'], options: { strict?: boolean; version: string }): entry is Record<string, unknown> {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return false;
  const e = entry as Partial<EntryHeader>;
  if (e.format !== CACHE_FORMAT || e.version !== options.version || e.strict !== (options.strict ?? false)) return false;
  if (!Array.isArray(e.sources) || e.sources.length !== sources.length) return false;
  return e.sources.every((s, i) => s !== null && typeof s === 'object' && s.file === sources[i]!.file && s.sha256 === sources[i]!.sha256);
}

function header(sources: EntryHeader['sources'], options: { strict?: boolean; version: string }): EntryHeader {
  return { format: CACHE_FORMAT, version: options.version, strict: options.strict ?? false, sources };
}

export async function loadBanksCached(targets: readonly string[], options: LoadOptions & { version: string }): Promise<LoadResult> {
  const { findBankFiles } = await import('./files.js');
  const found = findBankFiles(targets);
  const key = found.problems.length === 0 ? cacheKey(found.files, options) : undefined;
  const sources = key ? await hashSources(found.files) : undefined;
  const entry = key && sources ? readEntry(`banks-${key}.json`) : undefined;
  if (sources && headerMatches(entry, sources, options)) {
    const questions = checkedQuestions(entry.questions);
    const files = entry.files;
    if (questions && Array.isArray(files) && files.length === found.files.length && files.every((f, i) => f === found.files[i])) {
      return { files: found.files, questions, problems: [] };
    }
  }
  const { loadBanksParallel } = await import('./load.js');
  const result = await loadBanksParallel(targets, options);
  if (key && sources && result.problems.length === 0) {
    store(key, { ...header(sources, options), files: [...result.files], questions: [...result.questions] });
  }
  return result;
}

/** Only the summaries of the questions (for counts and menus), from the small half of the cache. */
export async function loadSummariesCached(targets: readonly string[], options: LoadOptions & { version: string }): Promise<SummaryResult> {
  const { findBankFiles } = await import('./files.js');
  const found = findBankFiles(targets);
  const key = found.problems.length === 0 ? cacheKey(found.files, options) : undefined;
  const sources = key ? await hashSources(found.files) : undefined;
  const entry = key && sources ? readEntry(`banks-${key}.index.json`) : undefined;
  if (sources && headerMatches(entry, sources, options)) {
    const questions = checkedSummaries(entry.questions);
    if (questions) return { questions, problems: [] };
  }
  const result = await loadBanksCached(targets, options);
  if (key && sources && result.problems.length === 0) {
    try {
      writeEntry(cacheDir(), `banks-${key}.index.json`, { ...header(sources, options), questions: summarise(result.questions) });
    } catch {
      // Only speed is lost.
    }
  }
  return result;
}

function summarise(questions: readonly Question[]): QuestionSummary[] {
  return questions.map(({ id, domain, task, type }) => ({ id, domain, task, type }));
}

function store(key: string, entry: CacheEntry): void {
  try {
    const dir = cacheDir();
    fs.mkdirSync(dir, { recursive: true });
    const { files: _files, questions, ...head } = entry;
    writeEntry(dir, `banks-${key}.index.json`, { ...head, questions: summarise(questions) });
    writeEntry(dir, `banks-${key}.json`, entry);
    // Keep the few most recent entries: one per bank set in use, not one per edit ever made.
    const entries = fs
      .readdirSync(dir)
      .filter((n) => /^banks-[0-9a-f]+(\.index)?\.json$/.test(n))
      .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const old of entries.slice(2 * KEEP)) fs.rmSync(path.join(dir, old.n), { force: true });
  } catch {
    // A read-only or full cache folder only costs speed.
  }
}

function writeEntry(dir: string, name: string, value: unknown): void {
  const target = path.join(dir, name);
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value));
  fs.renameSync(temp, target);
}
