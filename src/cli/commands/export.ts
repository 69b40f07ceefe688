import fs from 'node:fs';
import { statusNotesFor } from '../../bank/ledger-match.js';
import { prepareStatusNotes, shownLedger, statusLine } from '../render-status.js';
import { findTask } from '../../bank/catalogue.js';
import type { Question } from '../../bank/question.js';
import { UsageError, UserError } from '../../errors.js';
import { present, type Presentation } from '../../engine/present.js';
import { seededRandom } from '../../engine/random.js';
import type { Progress } from '../../progress/schema.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { escapeText } from '../escape.js';
import { hint } from '../invocation.js';
import { openStore } from '../store.js';
import { LETTERS, plural, reflow } from '../text.js';

export type ExportFormat = 'csv' | 'anki';

/** Which questions to export: all of them, narrowed by each selector given. */
export interface ExportSelection {
  /** Only the questions the learner keeps missing. */
  readonly missed?: boolean;
  readonly domain?: number;
  readonly task?: string;
  /** Questions with any of these tags. */
  readonly tags?: readonly string[];
}

export interface ExportOptions extends BankOptions, ExportSelection {
  readonly dataDir: string;
  readonly format: ExportFormat;
  readonly output?: string;
  /** Overwrite `output` if it exists. */
  readonly force?: boolean;
}

/** The questions a learner keeps missing: latest answer wrong, or missed at least twice. */
export function missedQuestions(progress: Progress, questions: readonly Question[]): Question[] {
  return questions.filter((q) => {
    const s = Object.hasOwn(progress.questions, q.id) ? progress.questions[q.id] : undefined;
    return s !== undefined && (!s.lastCorrect || s.wrong >= 2);
  });
}

/** Options that contradict each other are a usage error, found before anything is loaded. */
export function checkExportOptions(options: ExportSelection & { output?: string; force?: boolean }): void {
  if (options.force && !options.output) throw new UsageError('--force only applies with --output <file>: standard output is never a file to overwrite.');
  const task = options.task ? findTask(options.task) : undefined;
  if (task && options.domain !== undefined && task.domain !== options.domain) {
    throw new UsageError(`--task ${options.task} belongs to domain ${task.domain}, not --domain ${options.domain}.`, 'Give one of them, or a task of that domain.');
  }
}

export function selectForExport(questions: readonly Question[], selection: ExportSelection, progress?: Progress): Question[] {
  const tags = new Set(selection.tags ?? []);
  const pool = questions.filter(
    (q) =>
      (selection.domain === undefined || q.domain === selection.domain) &&
      (selection.task === undefined || q.task === selection.task) &&
      (tags.size === 0 || q.tags.some((t) => tags.has(t))),
  );
  return selection.missed && progress ? missedQuestions(progress, pool) : pool;
}

export async function exportQuestions(options: ExportOptions): Promise<void> {
  await prepareStatusNotes();
  checkExportOptions(options);
  if (options.output && !options.force && fs.existsSync(options.output)) throw alreadyExists(options.output);
  const questions = await loadQuestions(options);
  const progress = options.missed ? openStore(options.dataDir).load() : undefined;
  const picked = selectForExport(questions, options, progress);
  const filtered = selectForExport(questions, { ...options, missed: false });
  if (filtered.length === 0) {
    throw new UserError(`No questions match ${describeSelection(options)}; nothing was written.`, `Run ${hint('domains')} to see what each domain and task has.`);
  }
  if (picked.length === 0) {
    console.error(`You have not missed any question${options.domain || options.task || options.tags?.length ? ` of ${describeSelection(options)}` : ''} yet; nothing was written.`);
    return;
  }
  const text = options.format === 'csv' ? toCsv(picked) : toAnki(picked);
  if (options.output) {
    try {
      // 'wx' refuses a file that appeared since the check above, rather than overwriting it.
      fs.writeFileSync(options.output, text, { flag: options.force ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw alreadyExists(options.output);
      throw new UserError(`Cannot write ${escapeText(options.output)} (${code ?? (error as Error).message}).`);
    }
    console.error(`Wrote ${plural(picked.length, 'question')} to ${escapeText(options.output)}.`);
  } else {
    process.stdout.write(text);
  }
}

function alreadyExists(file: string): UsageError {
  return new UsageError(`${escapeText(file)} already exists; it was left as it is.`, 'Add --force to overwrite it, or choose another --output.');
}

function describeSelection(s: ExportSelection): string {
  const parts = [
    s.domain !== undefined ? `domain ${s.domain}` : '',
    s.task ? `task ${s.task}` : '',
    s.tags?.length ? `tag ${s.tags.map(escapeText).join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the banks';
}

/**
 * A question laid out the same way in every export: options and steps shuffled by a seed taken
 * from its id. The bank lists the key first most of the time, so bank order would teach "pick A";
 * a seed per id keeps each card the same from one export to the next, so re-imports update it.
 */
export function exportLayout(q: Question): Presentation {
  return present(q, seededRandom(idSeed(q.id)));
}

/** FNV-1a over the id: a stable 32-bit number per question. */
function idSeed(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The id Anki keys a note by: the same for a question in every export, so re-importing updates the card. */
export function guidOf(q: Question): string {
  return `aif-quiz:${q.id}`;
}

/** Bank text for an export: escaped, with the author's soft line breaks joined. */
const clean = (text: string) => reflow(escapeText(text));

/** The question as a learner would read it on paper: the case study, the stem, then the options or steps. */
export function front(q: Question, p: Presentation = exportLayout(q)): string {
  const parts: string[] = [];
  if (q.scenario) parts.push(`Case study: ${clean(q.scenario.title)}`, clean(q.scenario.text));
  parts.push(clean(q.stem));
  if (q.type === 'single' || q.type === 'multiple') parts.push(p.order.map((index, shown) => `${LETTERS[shown]}) ${clean(q.options[index]!.text)}`).join('\n'));
  if (q.type === 'ordering') parts.push(['Steps, in no particular order:', ...p.order.map((index) => `- ${clean(q.steps[index]!)}`)].join('\n'));
  if (q.type === 'matching') {
    parts.push(
      ['Prompts:', ...q.pairs.map((pair, i) => `${i + 1}. ${clean(pair.prompt)}`)].join('\n'),
      ['Responses:', ...p.responses.map((r) => `- ${clean(r)}`)].join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** The answer, in the letters and order of `front`. */
export function answerText(q: Question, p: Presentation = exportLayout(q)): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return p.order.flatMap((index, shown) => (q.options[index]!.correct ? [`${LETTERS[shown]}) ${clean(q.options[index]!.text)}`] : [])).join('\n');
    case 'ordering':
      return q.steps.map((s, i) => `${i + 1}. ${clean(s)}`).join('\n');
    case 'matching':
      return q.pairs.map((pair, i) => `${i + 1}. ${clean(pair.prompt)} → ${clean(pair.answer)}`).join('\n');
  }
}

/** The explanation, then why each option, step or pair is right or wrong where the bank says. */
export function explanationText(q: Question, p: Presentation = exportLayout(q)): string {
  const whys: string[] = [];
  if (q.type === 'single' || q.type === 'multiple') {
    p.order.forEach((index, shown) => {
      const why = q.options[index]!.why;
      if (why) whys.push(`${LETTERS[shown]}) ${clean(why)}`);
    });
  }
  if (q.type === 'ordering') q.stepWhys?.forEach((why, i) => why && whys.push(`${i + 1}. ${clean(why)}`));
  if (q.type === 'matching') q.pairs.forEach((pair, i) => pair.why && whys.push(`${i + 1}. ${clean(pair.why)}`));
  const statuses = statusNotesFor(q, shownLedger()).map((entry) => clean(`Service status: ${statusLine(entry)}`));
  return [clean(q.explanation), ...(whys.length ? [whys.join('\n')] : []), ...(statuses.length ? [statuses.join('\n')] : [])].join('\n\n');
}

function tagsOf(q: Question): string[] {
  return ['aif-quiz', `domain-${q.domain}`, `task-${q.task.replace('.', '-')}`, ...q.tags].map(escapeText);
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula;
 * a leading apostrophe makes it text (OWASP, CSV injection). Every cell is quoted, so commas,
 * quotes and line breaks inside it stay in it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = ['guid', 'id', 'domain', 'task', 'tags', 'question', 'answer', 'explanation', 'references'] as const;

export function toCsv(questions: readonly Question[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const q of questions) {
    const p = exportLayout(q);
    rows.push([
      guidOf(q),
      escapeText(q.id),
      String(q.domain),
      escapeText(q.task),
      tagsOf(q).join(' '),
      front(q, p),
      answerText(q, p),
      explanationText(q, p),
      q.references.map(escapeText).join('\n'),
    ]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Text for an HTML field or attribute: every character HTML gives meaning to is escaped. */
export function html(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, ' ')
    .replace(/\r?\n/g, '<br>');
}

export const ANKI_HEADER = [
  '#separator:tab',
  '#html:true',
  '#notetype:Basic',
  '#columns:GUID\tFront\tBack\tTags',
  '#guid column:1',
  '#tags column:4',
];

/** Anki's plain-text import: one note a line, tab-separated, with header lines saying so. */
export function toAnki(questions: readonly Question[]): string {
  const lines = [...ANKI_HEADER];
  for (const q of questions) {
    const p = exportLayout(q);
    const references = q.references.map((r) => {
      const url = escapeText(r);
      return `<a href="${html(url)}">${html(url)}</a>`;
    });
    const back = [html(answerText(q, p)), html(explanationText(q, p)), references.join('<br>')].join('<br><br>');
    lines.push([html(guidOf(q)), html(front(q, p)), back, tagsOf(q).map((t) => t.replace(/\s/g, '-')).join(' ')].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
