import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import type { LoadOptions, LoadResult } from './load.js';
import type { Question } from './question.js';
import { checkedQuestions, checkedSummaries } from './cache-check.js';
import { findBankFiles, readBankBytes } from './files.js';

/**
 * Parsing and validating YAML is by far the slowest part of starting up. A bank set that has
 * not changed since it last validated is read back from a cache keyed by its files (and the
 * tool's version, since rules change between versions), so the YAML parser and zod are not even
 * loaded. Any change to any file misses the cache; a failure to use the cache is never an
 * error, only a slower start.
 */
const CACHE_FORMAT = 4;
const KEEP = 8;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIF_QUIZ_CACHE || envPaths('aif-quiz', { suffix: '' }).cache;
}

/**
 * What the file system says about one version of a file, as decimal strings: its device and
 * inode, its size, and its modification and change times to the nanosecond. The change time
 * (ctime) is set by the kernel on every write, and no program can set it back (utimes sets
 * it to now), so a file whose content changed never keeps all five.
 */
export interface FileStat {
  readonly dev: string;
  readonly ino: string;
  readonly size: string;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
}

/** A bank file as an entry was written for it: the sha-256 of its bytes, and its stat taken before they were read. */
interface EntrySource {
  readonly file: string;
  readonly sha256: string;
  readonly stat: FileStat;
}

/** What an entry says about where it came from; all of it must match for the entry to be used. */
interface EntryHeader {
  readonly format: number;
  readonly version: string;
  readonly strict: boolean;
  /** The bank files, in order. */
  readonly sources: readonly EntrySource[];
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

/** The bank files of a set, with their stats (taken before anything is read) and the key that finds their entry. */
interface BankSet {
  readonly files: readonly string[];
  readonly stats: readonly FileStat[];
  readonly key: string;
}

function statOf(file: string): FileStat {
  const stat = fs.statSync(file, { bigint: true });
  return { dev: String(stat.dev), ino: String(stat.ino), size: String(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs) };
}

/**
 * The key of a bank set: every file's path, size, modification time (to the nanosecond) and
 * inode, the tool's version and the mode. It only finds the entry: the entry is then used only
 * if every file is the one it was written for (see sourcesMatch). Stat-based lookup, like
 * make's, so a warm start parses no YAML and loads neither the YAML parser nor zod; any edit to
 * any file changes its time and so the key.
 */
function bankSet(files: readonly string[], options: { strict?: boolean; version: string }): BankSet | undefined {
  try {
    const stats = files.map(statOf);
    const parts = [String(CACHE_FORMAT), options.version, options.strict ? 'strict' : 'loose'];
    files.forEach((file, i) => parts.push(path.resolve(file), stats[i]!.size, stats[i]!.mtimeNs, stats[i]!.ino));
    const text = parts.join('\0');
    return { files, stats, key: `${hash53(text, 1).toString(16)}${hash53(text, 2).toString(16)}` };
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

/** An entry as parsed, with the text it was parsed from (see checkedQuestions). */
function readEntry(name: string): { value: unknown; text: string } | undefined {
  try {
    const bytes = fs.readFileSync(path.join(cacheDir(), name));
    // Entries are mostly ASCII: then the bytes are the characters, and copying them is about
    // twice as quick as decoding megabytes of UTF-8.
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return undefined; // not cached yet, or unreadable: validate for real
  }
}

export function sameStat(a: unknown, b: FileStat): boolean {
  if (a === null || typeof a !== 'object') return false;
  const s = a as Partial<FileStat>;
  return s.dev === b.dev && s.ino === b.ino && s.size === b.size && s.mtimeNs === b.mtimeNs && s.ctimeNs === b.ctimeNs;
}

/** sha-256 of a file's bytes, or undefined when it cannot be read as a bank file. */
async function sha256Of(file: string): Promise<string | undefined> {
  const { createHash } = await import('node:crypto');
  const read = readBankBytes(file);
  return 'problem' in read ? undefined : createHash('sha256').update(read.bytes).digest('hex');
}

/**
 * An entry's header is used only when everything about it holds: the format and the tool's
 * version, the mode, and every source file. A file is the one the entry was written for when
 * its stat is the one recorded (see FileStat: no write keeps all five), or else when the
 * sha-256 of its bytes now is the one recorded; so a file touched with its size and time kept
 * but its content changed is read and hashed, and misses. Anything else, malformed JSON or a
 * wrong field included, is a miss: the banks are validated again and the entry rewritten.
 * Returns the sources as verified now (with today's stats), or undefined for a miss.
 */
async function sourcesMatch(entry: unknown, set: BankSet, options: { strict?: boolean; version: string }): Promise<EntrySource[] | undefined> {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const e = entry as Partial<EntryHeader>;
  if (e.format !== CACHE_FORMAT || e.version !== options.version || e.strict !== (options.strict ?? false)) return undefined;
  if (!Array.isArray(e.sources) || e.sources.length !== set.files.length) return undefined;
  const verified: EntrySource[] = [];
  for (const [i, s] of (e.sources as unknown[]).entries()) {
    if (s === null || typeof s !== 'object') return undefined;
    const { file, sha256, stat } = s as Partial<EntrySource>;
    const current = set.stats[i]!;
    if (file !== path.resolve(set.files[i]!) || typeof sha256 !== 'string') return undefined;
    if (!sameStat(stat, current) && (await sha256Of(set.files[i]!)) !== sha256) return undefined;
    verified.push({ file, sha256, stat: current });
  }
  return verified;
}

function header(sources: readonly EntrySource[], options: { strict?: boolean; version: string }): EntryHeader {
  return { format: CACHE_FORMAT, version: options.version, strict: options.strict ?? false, sources };
}

export async function loadBanksCached(targets: readonly string[], options: LoadOptions & { version: string }): Promise<LoadResult> {
  return (await loadFull(targets, options)).result;
}

/** The full load, with the verified header and key of the entry it came from or went to (none when it cannot be cached). */
async function loadFull(targets: readonly string[], options: LoadOptions & { version: string }): Promise<{ result: LoadResult; set?: BankSet; head?: EntryHeader }> {
  const found = findBankFiles(targets);
  const set = found.problems.length === 0 ? bankSet(found.files, options) : undefined;
  const entry = set ? readEntry(`banks-${set.key}.json`) : undefined;
  const sources = set && entry ? await sourcesMatch(entry.value, set, options) : undefined;
  if (set && entry && sources) {
    const value = entry.value as Record<string, unknown>;
    const questions = checkedQuestions(value.questions, entry.text);
    const files = value.files;
    if (questions && Array.isArray(files) && files.length === found.files.length && files.every((f, i) => f === found.files[i])) {
      return { result: { files: found.files, questions, problems: [] }, set, head: header(sources, options) };
    }
  }
  // Each file is hashed from the very bytes that are parsed, so an entry always holds what its hashes say.
  const hashes = new Map<string, string>();
  const { createHash } = await import('node:crypto');
  const { loadBanksParallel } = await import('./load.js');
  const result = await loadBanksParallel(targets, {
    ...options,
    onRead: (file, bytes) => hashes.set(file, createHash('sha256').update(bytes).digest('hex')),
  });
  // A file added or removed since the set was listed: nothing to cache that its key would find.
  const sameFiles = set !== undefined && result.files.length === set.files.length && result.files.every((f, i) => f === set.files[i]);
  if (!set || !sameFiles || result.problems.length > 0 || !set.files.every((f) => hashes.has(f))) return { result };
  const head = header(
    set.files.map((file, i) => ({ file: path.resolve(file), sha256: hashes.get(file)!, stat: set.stats[i]! })),
    options,
  );
  store(set.key, { ...head, files: [...result.files], questions: [...result.questions] });
  return { result, set, head };
}

/** Only the summaries of the questions (for counts and menus), from the small half of the cache. */
export async function loadSummariesCached(targets: readonly string[], options: LoadOptions & { version: string }): Promise<SummaryResult> {
  const found = findBankFiles(targets);
  const set = found.problems.length === 0 ? bankSet(found.files, options) : undefined;
  const entry = set ? readEntry(`banks-${set.key}.index.json`) : undefined;
  if (set && entry && (await sourcesMatch(entry.value, set, options))) {
    const questions = checkedSummaries((entry.value as Record<string, unknown>).questions);
    if (questions) return { questions, problems: [] };
  }
  const { result, set: usedSet, head } = await loadFull(targets, options);
  if (usedSet && head && result.problems.length === 0) {
    try {
      fs.mkdirSync(cacheDir(), { recursive: true });
      writeEntry(cacheDir(), `banks-${usedSet.key}.index.json`, { ...head, questions: summarise(result.questions) });
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
