import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import { cueWarnings } from '../../bank/cues.js';
import { ledgerCheck } from '../../bank/ledger.js';
import { notesCheck } from '../../bank/notes.js';
import { compareProblems, type Problem } from '../../bank/problem.js';
import { QUESTION_TYPES, type Question } from '../../bank/question.js';
import { UsageError, UserError } from '../../errors.js';
import { escapeText, safeJson } from '../escape.js';
import { hint } from '../invocation.js';
import { bankTargets, displayPath, formatProblem, loadResult, type BankOptions } from '../banks.js';
import { terminalWidth } from '../terminal.js';
import { hang, plural, wrap } from '../text.js';
import { watchBanks } from '../watch.js';

export interface ValidateOptions extends BankOptions {
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly watch?: boolean;
}

/** Options that cannot work together are a usage error, named before anything is read. */
export function checkValidateOptions(paths: readonly string[], options: ValidateOptions): void {
  if (options.watch && options.json) {
    throw new UsageError('--watch and --json do not go together: --json prints one document for a script, --watch prints a new result on every save.', 'Use one of them.');
  }
  if (paths.length > 0 && (options.bank?.length || options.bankOnly)) {
    throw new UsageError(
      `Give the banks to check either as paths or with --bank${options.bankOnly ? '/--bank-only' : ''}, not both: paths are checked on their own, --bank adds to the shipped banks.`,
      `For example: ${hint('validate')} ${[...paths, ...(options.bank ?? [])].map((p) => `"${escapeText(p)}"`).join(' ')}`,
    );
  }
}

/** One problem as printed: one line when piped (for editors and grep), wrapped under its position in a terminal. */
export function renderProblem(problem: Problem, width: number | undefined): string {
  const safe = { ...problem, file: escapeText(problem.file), path: escapeText(problem.path), message: escapeText(problem.message) };
  if (width === undefined) return escapeText(formatProblem(safe));
  const where = `${displayPath(safe.file)}:${safe.line}:${safe.column}  `;
  return hang(where, `${safe.path ? `${safe.path}  ` : ''}${safe.message}`, width);
}

/** Check banks and report every problem with its position, plus what the banks hold. */
export async function validate(paths: readonly string[], options: ValidateOptions): Promise<void> {
  checkValidateOptions(paths, options);
  const targets = paths.length > 0 ? [...paths] : bankTargets(options);
  const loaded = await loadResult(targets, options.strict ?? false);
  // The service-status ledger and the study notes of a bank folder are checked with its banks.
  const beside = [
    ...ledgerCheck(targets, loaded.questions, options.strict ?? false),
    ...notesCheck(targets, loaded.questions, options.strict ?? false),
  ];
  const result = beside.length ? { ...loaded, problems: [...loaded.problems, ...beside].sort(compareProblems) } : loaded;
  const byDomain = DOMAINS.map((d) => ({ domain: d.id, questions: result.questions.filter((q) => q.domain === d.id).length }));
  const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, result.questions.filter((q) => q.type === t).length]));
  const valid = result.problems.length === 0;
  const warnings = options.strict ? cueWarningsOf(result.questions) : [];

  if (options.json) {
    // safeJson: the same JSON, with every character a terminal would act on written as \uXXXX.
    console.log(
      safeJson(
        {
          valid,
          strict: options.strict ?? false,
          files: result.files.map(displayPath),
          problems: result.problems.map((p) => ({ ...p, file: displayPath(p.file) })),
          warnings: warnings.map((w) => ({ ...w, file: displayPath(w.file) })),
          questions: result.questions.length,
          byDomain,
          byType,
        },
        2,
      ),
    );
  } else {
    const width = process.stdout.isTTY ? terminalWidth() : undefined;
    const w80 = width ?? 80;
    for (const problem of result.problems) console.log(renderProblem(problem, width));
    for (const w of warnings) {
      const line = escapeText(`${displayPath(w.file)}:${w.line}  warning  question ${w.id}: ${w.message}`);
      console.log(width === undefined ? line : hang(escapeText(`${displayPath(w.file)}:${w.line}  `), escapeText(`warning  question ${w.id}: ${w.message}`), width));
    }
    if (warnings.length > 0) console.log(wrap(`${plural(warnings.length, 'warning')}: possible cues to read and rewrite where they give the answer away.`, w80));
    if (valid) {
      console.log(chalk.green(wrap(`✔ ${plural(result.files.length, 'file')}, ${plural(result.questions.length, 'question')}: valid${options.strict ? ' (strict)' : ''}.`, w80)));
      console.log(hang('  by domain: ', byDomain.map((d) => `${d.domain}: ${d.questions}`).join(' · '), w80));
      console.log(hang('  by type:   ', Object.entries(byType).map(([t, n]) => `${t}: ${n}`).join(' · '), w80));
    }
  }
  if (!valid) {
    throw new UserError(
      `✘ ${plural(result.problems.length, 'problem')} in ${plural(result.files.length, 'file')}.`,
      options.json ? undefined : 'Each line above gives file:line:column, the field, and what to change.',
    );
  }
}

/** The cue heuristics of every choice question, located at the question. */
function cueWarningsOf(questions: readonly Question[]): { file: string; line: number; id: string; message: string }[] {
  return questions.flatMap((q) =>
    q.type === 'single' || q.type === 'multiple'
      ? cueWarnings(q).map((w) => ({ file: q.source.file, line: q.source.line, ...w }))
      : [],
  );
}

/** Wait this long after the last change before validating: an editor's save is several events. */
const SETTLE_MS = 150;

/**
 * Validate, then again whenever a bank file changes, until Ctrl+C. A path that does not exist
 * is reported and watched for: it is validated as soon as it appears.
 */
export async function validateWatch(paths: readonly string[], options: ValidateOptions): Promise<never> {
  checkValidateOptions(paths, options);
  const targets = paths.length > 0 ? [...paths] : bankTargets(options);
  let running = false;
  let again = false;
  const once = async () => {
    console.log(chalk.dim(`\n[${new Date().toLocaleTimeString()}] validating…`));
    try {
      await validate(paths, options);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.log(chalk.red(escapeText(error.message)));
    }
    console.log(chalk.dim('Watching for changes; Ctrl+C to stop.'));
  };
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await once();
      } while (again);
    } finally {
      running = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), SETTLE_MS);
  };
  const width = terminalWidth();
  watchBanks(targets, {
    onChange: soon,
    onMissing: (target) => console.log(chalk.yellow(wrap(`${escapeText(displayPath(target))} does not exist (yet); it will be checked as soon as it appears.`, width))),
    onError: (error) => console.log(chalk.yellow(wrap(`Watching stopped working for a file (${escapeText(error.message)}); still watching the rest.`, width))),
  });
  await run();
  return new Promise<never>(() => {});
}
