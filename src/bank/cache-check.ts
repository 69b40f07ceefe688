import type { Question } from './question.js';
import { UNSAFE_CHARACTERS } from './text.js';

/**
 * The shape a cached question must have to be used: a hand-written check rather than zod, so a
 * warm start still loads no schema library. A cache entry is data on disk that anything could
 * have written; one that fails any check is treated as a miss and the banks are validated for
 * real. Every string in it also passes the loader's unsafe-text check, so a poisoned entry
 * cannot bring escapes to the terminal that a bank could not.
 */
const ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOptionalText = (v: unknown) => v === undefined || isText(v);
const isTextList = (v: unknown, min = 0) => Array.isArray(v) && v.length >= min && v.every(isText);

function isScenario(v: unknown): boolean {
  return isObject(v) && typeof v.id === 'string' && ID.test(v.id) && isText(v.title) && isText(v.text);
}

function isQuestion(q: unknown): q is Question {
  if (!isObject(q)) return false;
  const base =
    typeof q.id === 'string' && ID.test(q.id) &&
    Number.isInteger(q.domain) && (q.domain as number) >= 1 && (q.domain as number) <= 5 &&
    typeof q.task === 'string' && /^\d\.\d$/.test(q.task) &&
    isOptionalText(q.objective) &&
    (q.difficulty === undefined || q.difficulty === 1 || q.difficulty === 2 || q.difficulty === 3) &&
    Array.isArray(q.tags) && q.tags.every((t) => typeof t === 'string' && ID.test(t)) &&
    (q.scenario === undefined || isScenario(q.scenario)) &&
    isText(q.stem) && isText(q.explanation) &&
    isTextList(q.references, 1) && (q.references as string[]).every((r) => r.startsWith('https://')) &&
    isOptionalText(q.reviewed) &&
    isObject(q.source) && typeof q.source.file === 'string' && Number.isInteger(q.source.line);
  if (!base) return false;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (
        Array.isArray(q.options) && q.options.length >= 2 &&
        q.options.every((o) => isObject(o) && isText(o.text) && typeof o.correct === 'boolean' && isOptionalText(o.why))
      );
    case 'ordering':
      return (
        isTextList(q.steps, 2) &&
        (q.stepWhys === undefined ||
          (Array.isArray(q.stepWhys) && q.stepWhys.length === (q.steps as unknown[]).length && q.stepWhys.every((w) => w === null || w === undefined || isText(w))))
      );
    case 'matching':
      return (
        Array.isArray(q.pairs) && q.pairs.length >= 1 &&
        q.pairs.every((p) => isObject(p) && isText(p.prompt) && isText(p.answer) && isOptionalText(p.why)) &&
        isTextList(q.responses, 1)
      );
    default:
      return false;
  }
}

const UNSAFE = new RegExp(UNSAFE_CHARACTERS.source, 'u');

/**
 * True when every string anywhere in `value` (keys included) is free of the characters the
 * loader rejects. One combined test per string: this runs over every string of a warm start.
 */
function allTextSafe(value: unknown, depth = 0, skip?: string): boolean {
  if (typeof value === 'string') return !UNSAFE.test(value);
  if (depth > 16 || value === null || typeof value !== 'object') return depth <= 16;
  if (Array.isArray(value)) {
    for (const item of value) if (!allTextSafe(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (key === skip) continue;
    if (UNSAFE.test(key) || !allTextSafe((value as Json)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * A JSON escape that can stand for a character the loader rejects: \b, \f, \r and \uXXXX (the
 * others, \n \t \" \\ \/, stand for safe characters). An escape's backslash is preceded by an
 * even number of backslashes (pairs of them are escaped backslashes), outside strings JSON has
 * none.
 */
const RISKY_ESCAPE = /(?<!\\)(?:\\\\)*\\[bfru]/;

/**
 * True when no string that JSON.parse can make of `json` holds a character the loader rejects:
 * the text holds none of them as they are, and no escape that could stand for one. One scan of
 * the text in native code, instead of a test of each of the tens of thousands of strings of a
 * large bank set; the JSON the cache writes escapes only control characters, so bank text
 * never needs the slow path, and file names or keys that do simply take it.
 */
export function jsonTextIsSafe(json: string): boolean {
  return !UNSAFE.test(json) && !RISKY_ESCAPE.test(json);
}

/**
 * Cached questions that may be used as they are, or undefined when anything about them is off.
 * `json`, the text they were parsed from, lets one scan of it stand for the check of every
 * string when it holds nothing unsafe at all.
 */
export function checkedQuestions(value: unknown, json?: string): Question[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = new Set<string>();
  for (const q of value) {
    if (!isQuestion(q) || ids.has(q.id)) return undefined;
    ids.add(q.id);
  }
  if (json !== undefined && jsonTextIsSafe(json)) return value as Question[];
  // Paths (source) may hold anything a file name may; they are escaped when printed. Everything else is bank text.
  for (const q of value as Question[]) if (!allTextSafe(q, 0, 'source')) return undefined;
  return value as Question[];
}

/** Cached summaries (id, domain, task, type) that may be used, or undefined. */
export function checkedSummaries(value: unknown): { id: string; domain: number; task: string; type: Question['type'] }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = new Set<string>();
  for (const s of value) {
    if (
      !isObject(s) || typeof s.id !== 'string' || !ID.test(s.id) || ids.has(s.id) ||
      !Number.isInteger(s.domain) || (s.domain as number) < 1 || (s.domain as number) > 5 ||
      typeof s.task !== 'string' || !/^\d\.\d$/.test(s.task) ||
      !['single', 'multiple', 'ordering', 'matching'].includes(s.type as string)
    ) {
      return undefined;
    }
    ids.add(s.id);
  }
  return value as { id: string; domain: number; task: string; type: Question['type'] }[];
}
