import fs from 'node:fs';
import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import { cueWarnings } from '../../bank/cues.js';
import { ledgerCheck } from '../../bank/ledger.js';
import { compareProblems } from '../../bank/problem.js';
import { QUESTION_TYPES, type Question } from '../../bank/question.js';
import { UserError } from '../../errors.js';
import { escapeText } from '../escape.js';
import { bankTargets, displayPath, formatProblem, loadResult, type BankOptions } from '../banks.js';
import { plural } from '../quiz.js';

export interface ValidateOptions extends BankOptions {
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly watch?: boolean;
}

/** Check banks and report every problem with its position, plus what the banks hold. */
export async function validate(paths: readonly string[], options: ValidateOptions): Promise<void> {
  const targets = paths.length > 0 ? [...paths] : bankTargets(options);
  const loaded = await loadResult(targets, options.strict ?? false);
  const ledgerProblems = ledgerCheck(targets, loaded.questions, options.strict ?? false);
  const result = ledgerProblems.length ? { ...loaded, problems: [...loaded.problems, ...ledgerProblems].sort(compareProblems) } : loaded;
  const byDomain = DOMAINS.map((d) => ({ domain: d.id, questions: result.questions.filter((q) => q.domain === d.id).length }));
  const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, result.questions.filter((q) => q.type === t).length]));
  const valid = result.problems.length === 0;
  const warnings = options.strict ? cueWarningsOf(result.questions) : [];

  if (options.json) {
    console.log(
      JSON.stringify(
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
        null,
        2,
      ),
    );
  } else {
    for (const problem of result.problems) console.log(formatProblem(problem));
    for (const w of warnings) console.log(escapeText(`${displayPath(w.file)}:${w.line}  warning  question ${w.id}: ${w.message}`));
    if (warnings.length > 0) console.log(`${plural(warnings.length, 'warning')}: possible cues to read and rewrite where they give the answer away.`);
    if (valid) {
      console.log(chalk.green(`✔ ${plural(result.files.length, 'file')}, ${plural(result.questions.length, 'question')}: valid${options.strict ? ' (strict)' : ''}.`));
      console.log(`  by domain: ${byDomain.map((d) => `${d.domain}: ${d.questions}`).join(' · ')}`);
      console.log(`  by type:   ${Object.entries(byType).map(([t, n]) => `${t}: ${n}`).join(' · ')}`);
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

/**
 * Validate, then again whenever a bank file changes, until Ctrl+C. Uses fs.watch (recursive on
 * folders), so it needs no extra dependency.
 */
export async function validateWatch(paths: readonly string[], options: ValidateOptions): Promise<never> {
  const targets = paths.length > 0 ? [...paths] : bankTargets(options);
  const run = async () => {
    console.log(chalk.dim(`\n[${new Date().toLocaleTimeString()}] validating…`));
    try {
      await validate(paths, options);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.log(chalk.red(error.message));
    }
    console.log(chalk.dim('Watching for changes; Ctrl+C to stop.'));
  };
  await run();
  let timer: NodeJS.Timeout | undefined;
  for (const target of targets) {
    fs.watch(target, { recursive: fs.statSync(target).isDirectory() }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 150);
    });
  }
  return new Promise<never>(() => {});
}
