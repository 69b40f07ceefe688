import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import chalk from 'chalk';
import { TASK_IDS } from '../bank/catalogue.js';
import { QUESTION_TYPES, type QuestionType } from '../bank/question.js';
import { AppError, EXIT, UsageError } from '../errors.js';
import { packageVersion } from '../paths.js';
import { dataDir } from '../progress/location.js';
import { MAX_MINUTES } from '../engine/exam.js';
import { escapeText } from './escape.js';
import { hint } from './invocation.js';
import { configureColour, restoreTerminalOnSignals } from './terminal.js';

interface GlobalOptions {
  bank: string[];
  bankOnly?: boolean;
  dataDir?: string;
  color: boolean;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1.`);
    return Number(value);
  };
}

function positiveIntegerUpTo(name: string, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}.`);
    return Number(value);
  };
}

/** Minutes for an exam: a positive number up to a bound, so the clock stays meaningful. */
function minutesValue(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > MAX_MINUTES) {
    throw new InvalidArgumentError(`--minutes must be a number greater than 0 and at most ${MAX_MINUTES} (ten hours).`);
  }
  return n;
}

function seedValue(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new InvalidArgumentError('The seed must be a whole number from 0 to 4294967295.');
  return Number(value);
}

/** --task of one domain with --domain of another can match nothing: say so rather than ask nothing. */
function checkTaskInDomain(task: string | undefined, domain: string | undefined): void {
  const owner = task ? TASK_IDS.includes(task) && Number(task.split('.')[0]) : undefined;
  if (owner && domain !== undefined && owner !== Number(domain)) {
    throw new UsageError(`--task ${task} belongs to domain ${owner}, not --domain ${domain}.`, 'Give one of them, or a task of that domain.');
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Options every question-loading command takes, declared once. */
function withBankOptions(command: Command): Command {
  return command
    .addOption(new Option('--bank <file-or-folder>', 'add your own question bank (repeatable)').argParser(collect).default([], 'none'))
    .addOption(new Option('--bank-only', 'use only the --bank banks, not the shipped ones'))
    .addOption(new Option('--data-dir <dir>', 'where progress is kept (or set AIF_QUIZ_HOME)'));
}

function globals(command: Command): GlobalOptions & { dataDirResolved: string } {
  const options = command.optsWithGlobals<GlobalOptions>();
  return { ...options, dataDirResolved: dataDir(options.dataDir) };
}

function bankOptions(o: GlobalOptions): { bank: string[]; bankOnly: boolean } {
  return { bank: o.bank, bankOnly: o.bankOnly ?? false };
}

export function buildProgram(): Command {
  const program = new Command('aif-quiz')
    .description('Practise the AWS Certified AI Practitioner exam (AIF-C01) in your terminal.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'print without colour (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .hook('preAction', (_program, action) => configureColour(!action.optsWithGlobals<GlobalOptions>().color));

  withBankOptions(program.command('start').description('open the menu: practise, review, and more')).action(async (_o, command: Command) => {
    const o = globals(command);
    const { start } = await import('./commands/start.js');
    await start({ ...bankOptions(o), dataDir: o.dataDirResolved });
  });

  withBankOptions(
    program
      .command('practice')
      .description('practise one domain or task statement with instant feedback')
      .addOption(new Option('--domain <n>', 'exam domain (default: asked)').choices(['1', '2', '3', '4', '5']))
      .addOption(new Option('--task <x.y>', 'task statement, e.g. 2.1').choices(TASK_IDS as string[]))
      .addOption(new Option('--type <type>', 'only one question type').choices(QUESTION_TYPES as unknown as string[]))
      .option('--count <n>', 'number of questions (default: asked, 10 suggested)', positiveInteger('--count'))
      .option('--bookmarked', 'only the questions you bookmarked (b on the feedback screen)')
      .option('--seed <n>', 'the same questions in the same order every time, whatever your progress (default: unseen questions first)', seedValue),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const opts = command.opts<{ domain?: string; task?: string; type?: QuestionType; count?: number; seed?: number; bookmarked?: boolean }>();
    checkTaskInDomain(opts.task, opts.domain);
    const { practice } = await import('./commands/practice.js');
    await practice({
      ...bankOptions(o),
      dataDir: o.dataDirResolved,
      ...(opts.domain && { domain: Number(opts.domain) }),
      ...(opts.task && { task: opts.task }),
      ...(opts.type && { type: opts.type }),
      ...(opts.count !== undefined && { count: opts.count }),
      ...(opts.seed !== undefined && { seed: opts.seed }),
      ...(opts.bookmarked && { bookmarked: true }),
    });
  });

  withBankOptions(
    program
      .command('review')
      .description('go over the questions you got wrong until you get them right')
      .option('--count <n>', 'at most this many questions (default: all)', positiveInteger('--count'))
      .option('--due-only', 'only the questions due today by spaced repetition')
      .option('--seed <n>', 'fix the option order', seedValue),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const opts = command.opts<{ count?: number; seed?: number; dueOnly?: boolean }>();
    const { review } = await import('./commands/review.js');
    await review({
      ...bankOptions(o),
      dataDir: o.dataDirResolved,
      dueOnly: opts.dueOnly ?? false,
      ...(opts.count !== undefined && { count: opts.count }),
      ...(opts.seed !== undefined && { seed: opts.seed }),
    });
  });

  withBankOptions(
    program
      .command('exam')
      .description('take a timed mock exam shaped like the real one (65 questions, 90 minutes)')
      .option('--questions <n>', 'number of questions, drawn by the domain weights (default: 65)', positiveInteger('--questions'))
      .option('--minutes <n>', `time limit in minutes, at most ${MAX_MINUTES} (default: 90)`, minutesValue)
      .option('--extra-time', 'add the 30 minutes that non-native English speakers can request')
      .option('--seed <n>', 'draw the same exam again, whatever your progress since', seedValue)
      .option('--feedback', 'show right or wrong and the explanation after each question')
      .option('--unseen', 'only questions you have never answered (in practice, review or an exam)')
      .option('--resume', 'continue the unfinished exam')
      .option('--history', 'list past mock exams and reopen their reports instead of starting one')
      .option('--json', 'with --history: print as JSON'),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const opts = command.opts<{ questions?: number; minutes?: number; extraTime?: boolean; seed?: number; feedback?: boolean; unseen?: boolean; resume?: boolean; history?: boolean; json?: boolean }>();
    const given = (name: string) => command.getOptionValueSource(name) === 'cli';
    const setup = ['questions', 'minutes', 'extraTime', 'seed', 'feedback', 'unseen'].filter(given).map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    if (opts.json && !opts.history) throw new UsageError('exam --json needs --history: only the list of past exams is printed as JSON.', `Run: ${hint('exam --history --json')}`);
    if (opts.history && opts.resume) throw new UsageError('exam --history and --resume do not go together: one lists past exams, the other continues the unfinished one.', `Run one of them: ${hint('exam --history')}, or ${hint('exam --resume')}`);
    if (opts.history && setup.length) throw new UsageError(`exam --history lists past exams; ${setup.join(', ')} only apply when starting one.`, `Run: ${hint('exam --history')}`);
    if (opts.resume && setup.length) throw new UsageError(`exam --resume continues the saved exam with its own settings; ${setup.join(', ')} only apply to a new exam.`, `Run: ${hint('exam --resume')}`);
    if (opts.history) {
      const { examHistory } = await import('./commands/exam-history.js');
      await examHistory({ ...bankOptions(o), dataDir: o.dataDirResolved, json: opts.json ?? false });
      return;
    }
    const { exam } = await import('./commands/exam.js');
    await exam({
      ...bankOptions(o),
      dataDir: o.dataDirResolved,
      ...(opts.questions !== undefined && { questions: opts.questions }),
      ...(opts.minutes !== undefined && { minutes: opts.minutes }),
      extraTime: opts.extraTime ?? false,
      resume: opts.resume ?? false,
      feedback: opts.feedback ?? false,
      unseen: opts.unseen ?? false,
      ...(opts.seed !== undefined && { seed: opts.seed }),
    });
  });

  withBankOptions(
    program.command('stats').description('readiness estimate, mastery per domain and task, weak spots, pacing, what is due').option('--json', 'print as JSON'),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const { stats } = await import('./commands/stats.js');
    await stats({ ...bankOptions(o), dataDir: o.dataDirResolved, json: command.opts<{ json?: boolean }>().json ?? false });
  });

  withBankOptions(
    program
      .command('plan')
      .description('plan to exam day: save the date and a daily budget; see today\'s plan and the projection')
      .option('--exam-date <YYYY-MM-DD>', 'the day you will sit the exam')
      .option('--minutes-per-day <n>', `minutes of study a day (default 30)`, positiveIntegerUpTo('--minutes-per-day', 600)),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const opts = command.opts<{ examDate?: string; minutesPerDay?: number }>();
    const { plan } = await import('./commands/plan.js');
    await plan({
      ...bankOptions(o),
      dataDir: o.dataDirResolved,
      ...(opts.examDate !== undefined && { examDate: opts.examDate }),
      ...(opts.minutesPerDay !== undefined && { minutesPerDay: opts.minutesPerDay }),
    });
  });

  withBankOptions(
    program
      .command('export')
      .description('export questions with their answers and explanations, as CSV or for Anki')
      .option('--missed', 'only the questions whose latest answer was wrong or that you missed twice or more')
      .addOption(new Option('--domain <n>', 'only this exam domain').choices(['1', '2', '3', '4', '5']))
      .addOption(new Option('--task <x.y>', 'only this task statement, e.g. 2.1').choices(TASK_IDS as string[]))
      .addOption(new Option('--tag <tag>', 'only questions with this tag (repeatable: any of them)').argParser((v: string, previous?: string[]) => collect(v, previous ?? [])))
      .addOption(new Option('--format <format>', 'csv or anki (a tab-separated file Anki imports)').choices(['csv', 'anki']).default('csv'))
      .option('--output <file>', 'write to a file instead of standard output')
      .option('--force', 'overwrite the --output file if it exists'),
  ).action(async (_o, command: Command) => {
    const o = globals(command);
    const opts = command.opts<{ missed?: boolean; domain?: string; task?: string; tag?: string[]; format: 'csv' | 'anki'; output?: string; force?: boolean }>();
    const { exportQuestions } = await import('./commands/export.js');
    await exportQuestions({
      ...bankOptions(o),
      dataDir: o.dataDirResolved,
      format: opts.format,
      missed: opts.missed ?? false,
      force: opts.force ?? false,
      ...(opts.domain && { domain: Number(opts.domain) }),
      ...(opts.task && { task: opts.task }),
      ...(opts.tag && { tags: opts.tag }),
      ...(opts.output && { output: opts.output }),
    });
  });

  program
    .command('settings')
    .description('show or change your settings')
    .addOption(new Option('--confidence <on|off>', 'ask how sure you were after each answer').choices(['on', 'off']))
    .addOption(new Option('--data-dir <dir>', 'where progress is kept (or set AIF_QUIZ_HOME)'))
    .action(async (opts: { confidence?: 'on' | 'off'; dataDir?: string }) => {
      const { settings } = await import('./commands/settings.js');
      await settings({ dataDir: dataDir(opts.dataDir), ...(opts.confidence && { confidence: opts.confidence }) });
    });

  program
    .command('report')
    .description('list your problem reports, ready for an issue')
    .requiredOption('--list', 'print every report')
    .addOption(new Option('--data-dir <dir>', 'where progress is kept (or set AIF_QUIZ_HOME)'))
    .action(async (opts: { dataDir?: string }) => {
      const { reportList } = await import('./commands/report.js');
      reportList({ dataDir: dataDir(opts.dataDir) });
    });

  program
    .command('new-bank')
    .description('write a commented starter bank with one question of each type')
    .argument('<file>', 'the YAML file to create')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { newBank } = await import('./commands/new-bank.js');
      newBank(file, opts);
    });

  program
    .command('validate')
    .description('check question banks (the shipped ones, or the files and folders given)')
    .argument('[paths...]', 'bank files or folders')
    .option('--strict', 'also apply the quality rules for shipped questions')
    .option('--json', 'print the result as JSON')
    .option('--watch', 'validate again whenever a file changes (Ctrl+C to stop)')
    .addOption(new Option('--bank <file-or-folder>', 'add a bank to the shipped ones (repeatable)').argParser(collect).default([], 'none'))
    .addOption(new Option('--bank-only', 'check only the --bank banks, not the shipped ones'))
    .action(async (paths: string[], opts: { strict?: boolean; json?: boolean; watch?: boolean; bank: string[]; bankOnly?: boolean }) => {
      const { validate, validateWatch } = await import('./commands/validate.js');
      if (opts.watch) await validateWatch(paths, opts);
      else await validate(paths, opts);
    });

  withBankOptions(
    program.command('domains').description('list the exam domains, task statements and question counts').option('--json', 'print as JSON'),
  ).action(async (opts: { json?: boolean; bank: string[]; bankOnly?: boolean }) => {
    const { domains } = await import('./commands/domains.js');
    await domains(opts);
  });

  withBankOptions(
    program
      .command('learn')
      .description('read the study note of an exam objective, with your mastery beside each; then practise it')
      .argument('[task-or-objective]', 'a task such as 2.1 or an objective such as 2.1.3; nothing opens the menu')
      .option('--json', 'list the objectives with their note sizes and references'),
  ).action(async (target: string | undefined, _opts: unknown, command: Command) => {
    const o = globals(command);
    const { learn } = await import('./commands/learn.js');
    await learn(target, { ...bankOptions(o), json: (o as { json?: boolean }).json ?? false, dataDir: o.dataDirResolved });
  });

  program
    .command('services')
    .description('list the AWS services and features whose availability changed (closed to new customers, discontinued)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { services } = await import('./commands/services.js');
      await services(opts);
    });

  program.addHelpText(
    'after',
    `
Examples:
  $ aif-quiz start                        open the menu
  $ aif-quiz practice --domain 3 --count 20
  $ aif-quiz exam                         a timed mock exam
  $ aif-quiz review --due-only            what spaced repetition says is due today
  $ aif-quiz stats                        how ready you are

Progress is kept in $AIF_QUIZ_HOME or the platform data folder (see --data-dir).
Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error or no terminal, 130 interrupted.`,
  );
  for (const command of program.commands) {
    const lines = EXAMPLES[command.name()];
    if (lines) command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ aif-quiz ${l}`).join('\n')}`);
  }
  return program;
}

const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  start: ['start', 'start --bank my-questions/'],
  practice: [
    'practice                          # asks for the domain and the count',
    'practice --domain 2 --count 15',
    'practice --task 3.2 --type multiple',
    'practice --domain 1 --seed 42     # the same session again',
    'practice --bookmarked             # the questions you bookmarked',
    'practice --bank-only --bank my-bank.yaml --domain 1',
  ],
  review: ['review', 'review --due-only --count 20'],
  exam: ['exam', 'exam --extra-time', 'exam --questions 30 --minutes 40', 'exam --feedback --unseen   # learn as you go, new questions only', 'exam --resume', 'exam --history             # reopen a past report', 'exam --history --json'],
  stats: ['stats', 'stats --json | jq .readiness'],
  plan: ['plan --exam-date 2027-01-20', 'plan --exam-date 2027-01-20 --minutes-per-day 45', 'plan                      # today\'s plan and the projection'],
  export: [
    'export --missed > missed.csv',
    'export --missed --format anki --output missed.txt',
    'export --domain 3 --format anki --output domain-3.txt',
    'export --tag rag --output rag.csv --force',
  ],
  settings: ['settings', 'settings --confidence off'],
  report: ['report --list', 'report --list > reports.md'],
  validate: ['validate', 'validate --strict questions/', 'validate my-bank.yaml --json', 'validate --watch my-bank.yaml'],
  domains: ['domains', 'domains --json', 'domains --bank my-bank.yaml'],
  services: ['services', 'services --json'],
  learn: ['learn', 'learn 3.1', 'learn 3.1.3', 'learn --json'],
  'new-bank': ['new-bank my-bank.yaml', 'validate my-bank.yaml'],
};

/**
 * Inquirer's Ctrl+C (ExitPromptError), matched by name so that the entry point does not load the
 * prompt library; without a terminal no prompt is ever shown (requireTerminal), so this is Ctrl+C.
 */
function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/**
 * The one place where errors become messages and exit codes. A user error prints what went wrong
 * and what to do; anything else is a bug and prints what a bug report needs.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // `aif-quiz stats --json | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
  // SIGTERM or SIGHUP during a prompt must not leave the user's terminal without a cursor.
  restoreTerminalOnSignals();
  const program = buildProgram();
  // A bare `aif-quiz` in a terminal opens the menu; in a pipe or script it prints the usage.
  const args = argv.length === 0 && process.stdin.isTTY && process.stdout.isTTY ? ['start'] : argv;
  try {
    await program.parseAsync(args as string[], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or the usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isPromptExit(error)) {
      // Ctrl+C at a prompt outside a quiz (a menu, "How many questions?"): nothing to save.
      console.error(chalk.yellow('Interrupted.'));
      return EXIT.interrupted;
    }
    if (error instanceof AppError) {
      // Messages quote file names, ids and field names from banks and files: escaped, so none can act on the terminal.
      const fit = await fitToTerminal();
      const message = fit(escapeText(error.message));
      console.error(error.exitCode === EXIT.interrupted ? chalk.yellow(message) : chalk.red(message));
      if (error.hint) console.error(fit(escapeText(error.hint)));
      return error.exitCode;
    }
    console.error(chalk.red('aif-quiz hit an internal error. Please report it with the lines below:'));
    console.error(escapeText(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    return EXIT.failed;
  }
}

/**
 * Messages wrapped to a terminal's width, line by line so that a list of problems keeps its
 * lines; unchanged in a pipe. The wrapping code loads only when there is a message to print.
 */
async function fitToTerminal(): Promise<(text: string) => string> {
  if (!process.stderr.isTTY) return (text) => text;
  const [{ wrap }, { terminalWidth }] = await Promise.all([import('./text.js'), import('./terminal.js')]);
  const width = terminalWidth();
  return (text) => text.split('\n').map((line) => (line.length > width ? wrap(line, width) : line)).join('\n');
}
