import type { Question } from './question.js';
import { unsafeTextReason } from './text.js';

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

/** True when every string anywhere in `value` (keys included) passes the unsafe-text check. */
function allTextSafe(value: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (typeof value === 'string') return unsafeTextReason(value) === undefined;
  if (Array.isArray(value)) return value.every((v) => allTextSafe(v, depth + 1));
  if (isObject(value)) return Object.entries(value).every(([k, v]) => unsafeTextReason(k) === undefined && allTextSafe(v, depth + 1));
  return true;
}

/** Cached questions that may be used as they are, or undefined when anything about them is off. */
export function checkedQuestions(value: unknown): Question[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = new Set<string>();
  for (const q of value) {
    if (!isQuestion(q) || ids.has(q.id)) return undefined;
    ids.add(q.id);
  }
  // Paths may hold anything a file name may; only the text shown as bank content is checked.
  const content = (value as Question[]).map(({ source: _source, ...rest }) => rest);
  return allTextSafe(content) ? (value as Question[]) : undefined;
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
