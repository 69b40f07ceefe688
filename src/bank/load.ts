import fs from 'node:fs';
import { findBankFiles } from './files.js';
import { parseBank, type ParsedBank } from './parse.js';
import type { Problem } from './problem.js';
import { compareProblems } from './problem.js';
import type { Question, Scenario } from './question.js';
import { checkRules } from './rules.js';
import type { BankFile, RawQuestion } from './schema.js';

/** Larger files are refused before parsing: no honest bank comes near this. */
export const MAX_BANK_BYTES = 8 * 1024 * 1024;

export { findBankFiles };

export interface LoadResult {
  readonly files: readonly string[];
  readonly questions: readonly Question[];
  /** Every problem in every file, sorted by file and position. Questions are only trusted when empty. */
  readonly problems: readonly Problem[];
}

export interface LoadOptions {
  readonly strict?: boolean;
}

/** Read, parse and check banks; every problem of every file is reported in one result. */
export function loadBanks(targets: readonly string[], options: LoadOptions = {}): LoadResult {
  const found = findBankFiles(targets);
  const problems: Problem[] = [...found.problems];
  const parsed: ParsedBank[] = [];
  for (const file of found.files) {
    const source = readBankFile(file, problems);
    if (source === undefined) continue;
    const result = parseBank(file, source);
    problems.push(...result.problems);
    parsed.push(result);
  }
  const valid = parsed.filter((p): p is ParsedBank & { bank: BankFile } => p.bank !== undefined);
  problems.push(...checkRules(valid, options.strict ?? false));
  problems.sort(compareProblems);
  const questions = problems.length === 0 ? valid.flatMap(toQuestions) : [];
  return { files: found.files, questions, problems };
}

function readBankFile(file: string, problems: Problem[]): string | undefined {
  const at = { file, line: 1, column: 1, path: '' };
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_BANK_BYTES) {
      problems.push({ ...at, message: `the file is ${Math.round(size / 1048576)} MiB; a bank may be at most ${MAX_BANK_BYTES / 1048576} MiB, split it` });
      return undefined;
    }
    const bytes = fs.readFileSync(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      error instanceof TypeError ? 'the file is not valid UTF-8 text; save it as UTF-8'
      : code === 'EACCES' ? 'the file cannot be read (permission denied)'
      : `the file cannot be read (${code ?? (error as Error).message})`;
    problems.push({ ...at, message });
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
      return { ...base, type: 'ordering', steps: raw.steps };
    case 'matching':
      return {
        ...base,
        type: 'matching',
        pairs: raw.pairs,
        responses: [...new Set([...raw.pairs.map((p) => p.answer), ...(raw.distractors ?? [])])],
      };
  }
}
