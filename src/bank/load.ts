import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../paths.js';
import { findBankFiles, MAX_BANK_BYTES, readBankBytes } from './files.js';
import { parseBank, type ParsedBank, type Salvaged } from './parse.js';
import type { Problem } from './problem.js';
import { compareProblems } from './problem.js';
import type { Question, Scenario } from './question.js';
import { checkRules } from './rules.js';
import type { BankFile, RawQuestion } from './schema.js';

export { findBankFiles, MAX_BANK_BYTES };

export interface LoadResult {
  readonly files: readonly string[];
  readonly questions: readonly Question[];
  /** Every problem in every file, sorted by file and position. Questions are only trusted when empty. */
  readonly problems: readonly Problem[];
}

export interface LoadOptions {
  readonly strict?: boolean;
  /** Called with the bytes of each bank file as read, before parsing: the cache hashes exactly what was parsed. */
  readonly onRead?: (file: string, bytes: Buffer) => void;
}

interface Source {
  readonly file: string;
  readonly text: string;
}

/** Read, parse and check banks; every problem of every file is reported in one result. */
export function loadBanks(targets: readonly string[], options: LoadOptions = {}): LoadResult {
  const { files, sources, problems } = readSources(targets, options);
  return check(files, sources.map((s) => parseBank(s.file, s.text)), problems, options);
}

/** Below this much YAML, starting a worker costs more than it saves. */
const PARALLEL_BYTES = 1_000_000;

/**
 * The same as loadBanks, but large bank sets are parsed on two cores: YAML parsing is nearly all
 * of the time a cold load of a big bank takes. Half the files go to a worker thread while this
 * thread parses the other half.
 */
export async function loadBanksParallel(targets: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const { files, sources, problems } = readSources(targets, options);
  const total = sources.reduce((n, s) => n + s.text.length, 0);
  const workerFile = path.join(packageRoot(), 'dist', 'parse-worker.js');
  if (sources.length < 2 || total < PARALLEL_BYTES || !fs.existsSync(workerFile)) {
    return check(files, sources.map((s) => parseBank(s.file, s.text)), problems, options);
  }
  // Balance the two halves by size, largest files first.
  const halves: [Source[], Source[]] = [[], []];
  const sizes: [number, number] = [0, 0];
  for (const s of [...sources].sort((a, b) => b.text.length - a.text.length)) {
    const side = sizes[0] <= sizes[1] ? 0 : 1;
    halves[side].push(s);
    sizes[side] += s.text.length;
  }
  const worker = new Worker(workerFile, { workerData: halves[1] });
  const fromWorker = new Promise<ParsedInWorker[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const here = halves[0].map((s) => parseBank(s.file, s.text));
  const there = (await fromWorker).map((p) => rehydrate(p, halves[1].find((s) => s.file === p.file)!));
  void worker.terminate();
  const byFile = new Map([...here, ...there].map((p) => [p.file, p]));
  return check(files, sources.map((s) => byFile.get(s.file)!), problems, options);
}

/** What a worker sends back for a file: the parse result and where each question starts. */
export interface ParsedInWorker {
  readonly file: string;
  readonly bank?: BankFile;
  readonly salvaged?: Salvaged;
  readonly problems: Problem[];
  readonly questionAt: { line: number; column: number }[];
  readonly scenarioAt: { line: number; column: number }[];
}

export function forWorker(parsed: ParsedBank): ParsedInWorker {
  return {
    file: parsed.file,
    ...(parsed.bank && { bank: parsed.bank }),
    ...(parsed.salvaged && { salvaged: parsed.salvaged }),
    problems: parsed.problems,
    questionAt: (parsed.bank?.questions ?? []).map((_, i) => parsed.locate(['questions', i])),
    scenarioAt: (parsed.bank?.scenarios ?? []).map((_, i) => parsed.locate(['scenarios', i])),
  };
}

/**
 * A worker's result as a ParsedBank. Question and scenario starts are known; any other position
 * (only needed to report a problem, which is rare) comes from parsing the file again here.
 */
function rehydrate(p: ParsedInWorker, source: Source): ParsedBank {
  let full: ParsedBank | undefined;
  return {
    file: p.file,
    ...(p.bank && { bank: p.bank }),
    ...(p.salvaged && { salvaged: p.salvaged }),
    problems: p.problems,
    locate(at, onKey) {
      if (at.length === 2 && !onKey && typeof at[1] === 'number') {
        const known = at[0] === 'questions' ? p.questionAt[at[1]] : at[0] === 'scenarios' ? p.scenarioAt[at[1]] : undefined;
        if (known) return known;
      }
      full ??= parseBank(source.file, source.text);
      return full.locate(at, onKey);
    },
  };
}

function readSources(targets: readonly string[], options: LoadOptions): { files: string[]; sources: Source[]; problems: Problem[] } {
  const found = findBankFiles(targets);
  const problems: Problem[] = [...found.problems];
  const sources: Source[] = [];
  for (const file of found.files) {
    const text = readBankFile(file, problems, options.onRead);
    if (text !== undefined) sources.push({ file, text });
  }
  return { files: found.files, sources, problems };
}

function check(files: readonly string[], parsed: readonly ParsedBank[], readProblems: readonly Problem[], options: LoadOptions): LoadResult {
  const problems = [...readProblems, ...parsed.flatMap((p) => p.problems)];
  const valid = parsed.filter((p): p is ParsedBank & { bank: BankFile } => p.bank !== undefined);
  // Files that failed the schema are checked too, on the parts that passed it, so one run lists every problem.
  const checkable = parsed.flatMap((p) => (p.bank ? [p as ParsedBank & { bank: BankFile }] : p.salvaged ? [{ ...p, bank: p.salvaged.bank }] : []));
  problems.push(...checkRules(checkable, options.strict ?? false));
  problems.sort(compareProblems);
  const questions = problems.length === 0 ? valid.flatMap(toQuestions) : [];
  return { files, questions, problems };
}

function readBankFile(file: string, problems: Problem[], onRead: LoadOptions['onRead']): string | undefined {
  const at = { file, line: 1, column: 1, path: '' };
  const read = readBankBytes(file);
  if ('problem' in read) {
    problems.push({ ...at, message: read.problem });
    return undefined;
  }
  onRead?.(file, read.bytes);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    problems.push({ ...at, message: 'the file is not valid UTF-8 text; save it as UTF-8' });
    return undefined;
  }
}

function toQuestions(parsed: ParsedBank & { bank: BankFile }): Question[] {
  const { bank, file } = parsed;
  const scenarios = new Map<string, Scenario>((bank.scenarios ?? []).map((s) => [s.id, s]));
  return bank.questions.map((raw, i) => toQuestion(raw, bank.domain, scenarios, { file, line: parsed.locate(['questions', i]).line }));
}

function toQuestion(raw: RawQuestion, domain: number, scenarios: Map<string, Scenario>, source: Question['source']): Question {
  const base = {
    id: raw.id,
    domain,
    task: raw.task,
    tags: raw.tags ?? [],
    stem: raw.stem,
    explanation: raw.explanation,
    references: raw.references,
    source,
    ...(raw.objective !== undefined && { objective: raw.objective }),
    ...(raw.difficulty !== undefined && { difficulty: raw.difficulty }),
    ...(raw.reviewed !== undefined && { reviewed: raw.reviewed }),
    ...(raw.scenario !== undefined && { scenario: scenarios.get(raw.scenario)! }),
  };
  switch (raw.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: raw.type,
        options: raw.options.map((o) => ({ text: o.text, correct: o.correct ?? false, ...(o.why !== undefined && { why: o.why }) })),
      };
    case 'ordering':
      return {
        ...base,
        type: 'ordering',
        steps: raw.steps.map((s) => (typeof s === 'string' ? s : s.text)),
        stepWhys: raw.steps.map((s) => (typeof s === 'string' ? undefined : s.why)),
      };
    case 'matching':
      return {
        ...base,
        type: 'matching',
        pairs: raw.pairs,
        responses: [...new Set([...raw.pairs.map((p) => p.answer), ...(raw.distractors ?? [])])],
      };
  }
}
