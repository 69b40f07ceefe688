import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { bankFileSchema, type BankFile, type RawQuestion, type RawScenario } from './schema.js';
import { formatPath, type PathSegment, type Problem } from './problem.js';
import { unsafeTextReason } from './text.js';

/**
 * A bank file parsed and checked against the schema, with what is needed to point any later
 * finding at a line and column of the file.
 */
export interface ParsedBank {
  readonly file: string;
  readonly bank?: BankFile;
  readonly problems: Problem[];
  /**
   * When the file fails the schema: the questions and scenarios that pass it on their own, with
   * their places in the file, so the rules check them in the same run as the structural problems.
   */
  readonly salvaged?: Salvaged;
  /** Line and column of the node at a field path, or of its nearest existing parent. */
  locate(path: readonly PathSegment[], onKey?: boolean): { line: number; column: number };
}

export interface Salvaged {
  readonly bank: BankFile;
  /** The index in the file of each question of `bank`. */
  readonly questionIndex: readonly number[];
  readonly scenarioIndex: readonly number[];
  /** The ids of every scenario the file lists, valid or not, so a question naming a broken one is not also reported. */
  readonly scenarioIds: readonly string[];
}

/** Aliases beyond this are refused: a few nested aliases can otherwise expand to gigabytes. */
const MAX_ALIASES = 200;

export function parseBank(file: string, source: string): ParsedBank {
  return parseWithSchema(file, source, bankFileSchema, 'the file is empty; a bank needs "domain" and "questions"', salvageBank);
}

/** A YAML file of this project checked against a schema, with positions for every problem. */
export interface ParsedFile<T> {
  readonly file: string;
  readonly value?: T;
  readonly problems: Problem[];
  locate(path: readonly PathSegment[], onKey?: boolean): { line: number; column: number };
}

/** The same parsing and located problems as banks, for the project's other YAML files (the service-status ledger). */
export function parseYamlFile<T>(file: string, source: string, schema: z.ZodType<T>, emptyMessage: string): ParsedFile<T> {
  const { bank, ...rest } = parseWithSchema(file, source, schema, emptyMessage) as ParsedBank & { bank?: T };
  return { ...rest, ...(bank !== undefined && { value: bank as T }) };
}

type Salvage = (data: unknown, issues: readonly z.core.$ZodIssue[]) => Salvaged | undefined;

function parseWithSchema(file: string, source: string, schema: z.ZodType<unknown>, emptyMessage: string, salvage?: Salvage): ParsedBank {
  try {
    return parseUnguarded(file, source, schema, emptyMessage, salvage);
  } catch (error) {
    // The YAML library can run out of stack on absurdly deep nesting; that is the file's fault.
    if (!(error instanceof RangeError)) throw error;
    const problems = [{ file, line: 1, column: 1, path: '', message: TOO_DEEP }];
    return { file, problems, locate: () => ({ line: 1, column: 1 }) };
  }
}

const TOO_DEEP = 'the YAML is nested too deeply to read; a bank needs only a few levels';

function parseUnguarded(file: string, source: string, schema: z.ZodType<unknown>, emptyMessage: string, salvage?: Salvage): ParsedBank {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: readonly PathSegment[], onKey = false) => position(offsetOf(doc, path, onKey));
  const problems: Problem[] = [];
  const add = (at: { line: number; column: number }, path: string, message: string) =>
    problems.push({ file, ...at, path, message });

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const message = /call stack/i.test(error.message) ? TOO_DEEP : `YAML syntax: ${firstLine(error.message)}`;
      add(position(error.pos[0]), '', message);
    }
    return { file, problems, locate };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    add({ line: 1, column: 1 }, '', `YAML could not be read: ${firstLine(String((error as Error).message))}`);
    return { file, problems, locate };
  }
  if (data === null || data === undefined) {
    add({ line: 1, column: 1 }, '', emptyMessage);
    return { file, problems, locate };
  }

  // Every string of the file, in whatever field (known or not), and every field name, goes
  // through the one unsafe-text check, whatever the schema says about the field.
  const unsafe = unsafeStrings(data);
  const unsafePaths = new Set(unsafe.map((u) => formatPath(u.path)));
  for (const u of unsafe) add(locate(u.path, u.onKey), formatPath(u.path), u.message);
  // For salvaging, a question or scenario with unsafe text fails like one the schema rejects.
  const unsafeIssues = unsafe.map((u) => ({ code: 'custom', path: u.path, message: u.message, input: undefined }) as unknown as z.core.$ZodIssue);

  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const problem of describeIssue(issue, data)) {
        const at = formatPath(problem.path);
        // Already reported, more precisely, by the text check.
        if (unsafePaths.has(at) && (issue.code === 'custom' || issue.code === 'invalid_format' || issue.code === 'unrecognized_keys')) continue;
        add(locate(problem.path, problem.onKey), at, problem.message);
      }
    }
    const salvaged = salvage?.(data, [...result.error.issues, ...unsafeIssues]);
    return { file, problems, locate, ...(salvaged && { salvaged }) };
  }
  if (unsafe.length > 0) {
    const salvaged = salvage?.(data, unsafeIssues);
    return { file, problems, locate, ...(salvaged && { salvaged }) };
  }
  return { file, bank: result.data as BankFile, problems, locate };
}

/**
 * The questions and scenarios of a bank that are valid on their own (none when the domain is
 * not). The schema has already said which items fail: every other item passed it, so it is taken
 * as read instead of being checked a second time, which keeps a broken bank as quick to report.
 */
function salvageBank(data: unknown, issues: readonly z.core.$ZodIssue[]): Salvaged | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const raw = data as { domain?: unknown; questions?: unknown; scenarios?: unknown };
  const failing = (list: string) => new Set(issues.flatMap((i) => (i.path[0] === list && typeof i.path[1] === 'number' ? [i.path[1]] : [])));
  if (issues.some((i) => i.path[0] === 'domain' || (i.path.length === 1 && (i.path[0] === 'questions' || i.path[0] === 'scenarios')))) return undefined;
  if (!Array.isArray(raw.questions)) return undefined;
  const badQuestions = failing('questions');
  const questionIndex = raw.questions.flatMap((_: unknown, i) => (badQuestions.has(i) ? [] : [i]));
  if (questionIndex.length === 0) return undefined;
  const scenarioList: unknown[] = Array.isArray(raw.scenarios) ? raw.scenarios : [];
  const badScenarios = failing('scenarios');
  const scenarioIndex = scenarioList.flatMap((_, i) => (badScenarios.has(i) ? [] : [i]));
  const scenarioIds = scenarioList.flatMap((sc) => {
    const id = (sc as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
  const questionList: unknown[] = raw.questions;
  return {
    bank: {
      domain: raw.domain as number,
      scenarios: scenarioIndex.map((i) => scenarioList[i] as RawScenario),
      questions: questionIndex.map((i) => questionList[i] as RawQuestion),
    },
    questionIndex,
    scenarioIndex,
    scenarioIds,
  };
}

/** Every string value and every key in the parsed YAML that is unsafe to print, with where it is. */
function unsafeStrings(data: unknown): DescribedIssue[] {
  const found: DescribedIssue[] = [];
  const visit = (value: unknown, path: PathSegment[], depth: number) => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      const reason = unsafeTextReason(value);
      if (reason) found.push({ path, message: `"${String(path.at(-1) ?? 'the file')}" ${reason}` });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const reason = unsafeTextReason(key);
        if (reason) found.push({ path: [...path, key], onKey: true, message: `a field name ${reason}` });
        visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(data, [], 0);
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function offsetOf(doc: Document, path: readonly PathSegment[], onKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && onKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      break;
    }
    const start = rangeStart(node);
    if (start === undefined) break;
    offset = start;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}

const FIELD_NAMES: Readonly<Record<string, readonly string[]>> = {
  bank: ['domain', 'title', 'scenarios', 'questions'],
  question: [
    'id', 'task', 'objective', 'type', 'difficulty', 'tags', 'scenario', 'stem', 'options', 'steps', 'pairs',
    'distractors', 'explanation', 'references', 'reviewed',
  ],
  option: ['text', 'correct', 'why'],
  pair: ['prompt', 'answer', 'why'],
  step: ['text', 'why'],
  scenario: ['id', 'title', 'text'],
  service: ['id', 'name', 'aliases', 'context', 'status', 'date', 'seen', 'note', 'reference'],
};

const LIST_ITEMS: ReadonlyMap<string, string> = new Map([['references', 'the reference'], ['tags', 'the tag'], ['distractors', 'the distractor']]);

interface DescribedIssue {
  path: PathSegment[];
  message: string;
  onKey?: boolean;
}

/** Turn a zod issue into plain sentences that name the field and say what is expected. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): DescribedIssue[] {
  const path = issue.path as PathSegment[];
  const field = String(path.at(-1) ?? 'the file');
  const where = questionLabel(path, data);
  // An item of a list of texts is named by its value, not its index: 'reference "http://…"'.
  const item = typeof path.at(-1) === 'number' ? LIST_ITEMS.get(String(path.at(-2))) : undefined;
  if (item && typeof issue.input === 'string' && issue.code !== 'unrecognized_keys') {
    const value = issue.input.length > 120 ? `${issue.input.slice(0, 119)}…` : issue.input;
    return [{ path, message: `${where}${item} "${value}" ${issue.message}` }];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        onKey: true,
        message: `${where}unknown field "${key}"${suggestion(key, path)}`,
      }));
    case 'invalid_type':
      if (issue.input === undefined) return [{ path, message: `${where}"${field}" is missing` }];
      return [{ path, message: `${where}"${field}" must be ${article(issue.expected)}, not ${describeValue(issue.input)}` }];
    case 'invalid_union':
      // Only the question union is keyed by "type"; a step (text or { text, why }) is a union too.
      if (field === 'type' || (path.length === 2 && issue.input !== null && typeof issue.input === 'object' && !Array.isArray(issue.input))) {
        const typePath = field === 'type' ? path : [...path, 'type'];
        return [{ path: typePath, message: `${where}"type" must be one of: single, multiple, ordering, matching` }];
      }
      return [{ path, message: `${where}"${field}" ${issue.message}` }];
    case 'invalid_value':
      return [{ path, message: `${where}"${field}" must be one of: ${issue.values.map(String).join(', ')}` }];
    default:
      return [{ path, message: `${where}"${field}" ${issue.message}` }];
  }
}

function questionLabel(path: readonly PathSegment[], data: unknown): string {
  if (path[0] !== 'questions' || typeof path[1] !== 'number') return '';
  const questions = (data as { questions?: unknown[] }).questions;
  const id = (questions?.[path[1]] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? `question ${id}: ` : '';
}

function suggestion(key: string, path: readonly PathSegment[]): string {
  const kind =
    path.length === 0 ? 'bank'
    : path[0] === 'scenarios' ? 'scenario'
    : path[0] === 'services' ? 'service'
    : path.includes('options') ? 'option'
    : path.includes('pairs') ? 'pair'
    : path.includes('steps') ? 'step'
    : 'question';
  const names = FIELD_NAMES[kind] ?? [];
  const best = names
    .map((name) => ({ name, distance: editDistance(key.toLowerCase(), name) }))
    .sort((a, b) => a.distance - b.distance)[0];
  if (best && best.distance <= Math.max(1, Math.floor(best.name.length / 3))) return `; did you mean "${best.name}"?`;
  return `; allowed here: ${names.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function article(expected: string): string {
  return expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
