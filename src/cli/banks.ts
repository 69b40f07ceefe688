import fs from 'node:fs';
import path from 'node:path';
import { escapeText } from './escape.js';
import { loadBanksCached, loadSummariesCached, type QuestionSummary } from '../bank/cache.js';
import type { LoadResult } from '../bank/load.js';
import type { Problem } from '../bank/problem.js';
import type { Question } from '../bank/question.js';
import { loadNotes, type ObjectiveNote } from '../bank/notes.js';
import { UsageError, UserError } from '../errors.js';
import { hint } from './invocation.js';
import { packageVersion, shippedBanksDir } from '../paths.js';

export interface BankOptions {
  /** Extra banks from --bank, added to the shipped ones. */
  readonly bank?: readonly string[];
  /** Use only the --bank banks, not the shipped ones. */
  readonly bankOnly?: boolean;
}

export function bankTargets(options: BankOptions): string[] {
  if (options.bankOnly) {
    if (!options.bank?.length) throw new UsageError('--bank-only needs at least one --bank <file-or-folder>.');
    return [...options.bank];
  }
  return [shippedBanksDir(), ...(options.bank ?? [])];
}

/** Load the shipped banks plus the user's; a quiz never starts on a bank with problems. */
export async function loadQuestions(options: BankOptions): Promise<Question[]> {
  const result: LoadResult = await loadResult(bankTargets(options), false);
  failOnProblems(result, options);
  return [...result.questions];
}

/** Id, domain, task and type of every question: enough for counts and menus, and quicker to read. */
export async function loadSummaries(options: BankOptions): Promise<QuestionSummary[]> {
  const result = await loadSummariesCached(bankTargets(options), { strict: false, version: packageVersion() });
  failOnProblems(result, options);
  return [...result.questions];
}

function failOnProblems(result: Pick<LoadResult, 'problems'>, options: BankOptions): void {
  if (result.problems.length > 0) {
    const shown = result.problems.slice(0, 10).map(formatProblem);
    const more = result.problems.length - shown.length;
    throw new UserError(
      `The question banks have ${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'}:\n` +
        shown.join('\n') +
        (more > 0 ? `\n… and ${more} more` : ''),
      `Fix them and check with: ${hint('validate')}${(options.bank ?? []).map((b) => ` "${b}"`).join('')}`,
    );
  }
}

const notesCache = new Map<string, ReadonlyMap<string, ObjectiveNote>>();

/**
 * The study notes of the banks in use (the shipped ones, and any --bank folder with notes), by
 * objective, read once per set of folders. A --bank folder's note of an objective wins over the
 * shipped one: a learner who wrote their own note wants to read it.
 */
export function studyNotes(options: BankOptions = {}): ReadonlyMap<string, ObjectiveNote> {
  // Keyed by the targets as given, so that a repeated call (every feedback screen asks) touches no file.
  const targets = bankTargets(options);
  const key = targets.join('\0');
  const cached = notesCache.get(key);
  if (cached) return cached;
  const folders = targets.filter((t) => {
    try {
      return fs.statSync(t).isDirectory();
    } catch {
      return false;
    }
  });
  const merged = new Map<string, ObjectiveNote>();
  for (const folder of [...folders].reverse()) {
    const loaded = loadNotes(folder);
    if (loaded.problems.length > 0) {
      throw new UserError(
        `The study notes have ${loaded.problems.length === 1 ? 'a problem' : `${loaded.problems.length} problems`}:\n` +
          loaded.problems.slice(0, 10).map(formatProblem).join('\n'),
        `Fix them and check with: ${hint('validate --strict')}`,
      );
    }
    for (const [objective, note] of loaded.byObjective) if (!merged.has(objective)) merged.set(objective, note);
  }
  notesCache.set(key, merged);
  return merged;
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** One problem as one line, escaped: file names, field paths and messages quote bank text. */
export function formatProblem(problem: Problem): string {
  const where = `${displayPath(problem.file)}:${problem.line}:${problem.column}`;
  return escapeText(`${where}  ${problem.path ? `${problem.path}  ` : ''}${problem.message}`);
}

/** Load (or read back from the cache) the banks at `targets`. */
export function loadResult(targets: readonly string[], strict: boolean): Promise<LoadResult> {
  return loadBanksCached(targets, { strict, version: packageVersion() });
}
