import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import { loadBanks } from '../../bank/load.js';
import { QUESTION_TYPES } from '../../bank/schema.js';
import { UserError } from '../../errors.js';
import { bankTargets, displayPath, formatProblem, type BankOptions } from '../banks.js';

export interface ValidateOptions extends BankOptions {
  readonly json?: boolean;
  readonly strict?: boolean;
}

/** Check banks and report every problem with its position, plus what the banks hold. */
export function validate(paths: readonly string[], options: ValidateOptions): void {
  const targets = paths.length > 0 ? [...paths] : bankTargets(options);
  const result = loadBanks(targets, { strict: options.strict ?? false });
  const byDomain = DOMAINS.map((d) => ({ domain: d.id, questions: result.questions.filter((q) => q.domain === d.id).length }));
  const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, result.questions.filter((q) => q.type === t).length]));
  const valid = result.problems.length === 0;

  if (options.json) {
    console.log(
      JSON.stringify(
        {
          valid,
          strict: options.strict ?? false,
          files: result.files.map(displayPath),
          problems: result.problems.map((p) => ({ ...p, file: displayPath(p.file) })),
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
    if (valid) {
      console.log(chalk.green(`✔ ${result.files.length} files, ${result.questions.length} questions: valid${options.strict ? ' (strict)' : ''}.`));
      console.log(`  by domain: ${byDomain.map((d) => `${d.domain}: ${d.questions}`).join(' · ')}`);
      console.log(`  by type:   ${Object.entries(byType).map(([t, n]) => `${t}: ${n}`).join(' · ')}`);
    }
  }
  if (!valid) {
    throw new UserError(
      `✘ ${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'} in ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}.`,
      options.json ? undefined : 'Each line above gives file:line:column, the field, and what to change.',
    );
  }
}
