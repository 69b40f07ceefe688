import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseYamlFile } from './parse.js';
import { formatPath, type Problem } from './problem.js';
import type { Question } from './question.js';
import { httpsUrl, id, isoDate, text } from './schema.js';

/**
 * The service-status ledger: the AWS services and features whose availability changed while
 * the exam guide still names them. A fact such as "closed to new customers since June 2026" is
 * written once here, shown under every question that names the service, and checked against
 * each question's `reviewed` date, so the bank cannot silently fall behind AWS.
 */

import { LEDGER_FILE } from './files.js';
export { LEDGER_FILE };

export const SERVICE_STATUSES = ['closed-to-new-customers', 'discontinued', 'end-of-support', 'renamed', 'moved'] as const;
export type ServiceStatusKind = (typeof SERVICE_STATUSES)[number];

const STATUS_WORDS: Readonly<Record<ServiceStatusKind, string>> = {
  'closed-to-new-customers': 'closed to new customers',
  discontinued: 'discontinued',
  'end-of-support': 'end of support announced',
  renamed: 'renamed',
  moved: 'moved',
};

const entrySchema = z.strictObject({
  id: id.describe('Stable id of the entry.'),
  name: text(120).describe('The name learners meet, as AWS writes it.'),
  aliases: z.array(text(120)).max(10).optional().describe('Other names a question may use for it.'),
  context: z
    .array(text(60))
    .max(10)
    .optional()
    .describe('For a feature with a generic name: it counts only where one of these words also appears.'),
  status: z.enum(SERVICE_STATUSES, { error: `must be one of: ${SERVICE_STATUSES.join(', ')}` }),
  date: isoDate.optional().describe('The day the change took effect, where the AWS page states one.'),
  seen: isoDate.describe('The day the AWS page was read and found to say so.'),
  note: text(400).describe('One line for learners: what still works, and how the exam treats it.'),
  reference: httpsUrl.describe('The AWS page that states the change.'),
});

export const ledgerFileSchema = z.strictObject({
  services: z.array(entrySchema).min(1, 'must list at least one service').max(300),
});

export type ServiceStatus = z.infer<typeof entrySchema>;

export interface Ledger {
  readonly file: string;
  readonly entries: readonly ServiceStatus[];
  readonly problems: readonly Problem[];
}

export function statusWords(entry: Pick<ServiceStatus, 'status'>): string {
  return STATUS_WORDS[entry.status];
}

/**
 * The day from which a question naming the entry must have been reviewed: the change itself
 * where AWS dates it, else the day the notice was seen (the change was no later than that).
 */
function changedOn(entry: ServiceStatus): string {
  return entry.date && entry.date < entry.seen ? entry.date : entry.seen;
}

/** Parse a ledger's text; every problem is located like a bank's. */
export function parseLedger(file: string, source: string): Ledger {
  const parsed = parseYamlFile(file, source, ledgerFileSchema, 'the file is empty; the ledger needs "services"');
  const problems = [...parsed.problems];
  const entries = parsed.value?.services ?? [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const key = name.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined && earlier !== i) {
        problems.push({ file, ...parsed.locate(['services', i, 'name']), path: formatPath(['services', i]),
          message: `entry ${entry.id}: the name "${name}" is already used by entry ${entries[earlier]!.id}; names must point at one entry` });
      }
      seen.set(key, i);
    }
  });
  return { file, entries: problems.length ? [] : entries, problems };
}

/** The ledger of a bank folder, or none when the folder has no ledger file. */
export function loadLedger(folder: string): Ledger {
  const file = path.join(folder, LEDGER_FILE);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, entries: [], problems: [] };
    return { file, entries: [], problems: [{ file, line: 1, column: 1, path: '', message: `the ledger cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }] };
  }
  return parseLedger(file, source);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher per entry: whole names only, in the case AWS writes them, so that a service name
 * ("Ground Truth") is not confused with the same words used as a term ("ground truth labels").
 * Context words, which only narrow a feature's generic name to its service, match in any case.
 */
function matcherOf(entry: ServiceStatus): (text: string) => boolean {
  const names = [entry.name, ...(entry.aliases ?? [])].map(escapeRegExp).join('|');
  const named = new RegExp(`(?<![\\w-])(?:${names})(?![\\w-])`);
  const context = entry.context?.length ? new RegExp(`(?<![\\w-])(?:${entry.context.map(escapeRegExp).join('|')})(?![\\w-])`, 'i') : undefined;
  return (text) => named.test(text) && (!context || context.test(text));
}

const matchers = new WeakMap<ServiceStatus, (text: string) => boolean>();
function matches(entry: ServiceStatus, text: string): boolean {
  let m = matchers.get(entry);
  if (!m) matchers.set(entry, (m = matcherOf(entry)));
  return m(text);
}

/** Every text of a question a learner reads, in one string. */
function allText(q: Question): string {
  const parts = [q.stem, q.explanation, q.scenario?.text ?? ''];
  if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) parts.push(o.text, o.why ?? '');
  if (q.type === 'ordering') parts.push(...q.steps, ...(q.stepWhys ?? []).map((w) => w ?? ''));
  if (q.type === 'matching') for (const p of q.pairs) parts.push(p.prompt, p.answer, p.why ?? '');
  if (q.type === 'matching') parts.push(...q.responses);
  return parts.join('\n');
}

/** What a learner must pick to be right: the texts that carry the key. */
function keyedText(q: Question): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.options.filter((o) => o.correct).map((o) => o.text).join('\n');
    case 'ordering':
      return q.steps.join('\n');
    case 'matching':
      return q.pairs.map((p) => `${p.prompt}\n${p.answer}`).join('\n');
  }
}

/** The ledger entries a question names anywhere, in ledger order: their notes go under its explanation. */
export function statusNotesFor(question: Question, ledger: readonly ServiceStatus[]): ServiceStatus[] {
  if (ledger.length === 0) return [];
  const text = allText(question);
  return ledger.filter((entry) => matches(entry, text));
}

/**
 * Strict rule: a question whose key names a service that changed must have been reviewed on or
 * after the change, so that its key was read against the docs as they are since.
 */
export function checkLedgerRules(questions: readonly Question[], ledger: readonly ServiceStatus[]): Problem[] {
  const problems: Problem[] = [];
  for (const q of questions) {
    const keyed = keyedText(q);
    for (const entry of ledger) {
      if (!matches(entry, keyed)) continue;
      const since = changedOn(entry);
      if (q.reviewed === undefined || q.reviewed < since) {
        problems.push({
          file: q.source.file,
          line: q.source.line,
          column: 5,
          path: '',
          message:
            `question ${q.id}: its key names ${entry.name}, which is ${statusWords(entry)} (${entry.date ? `since ${entry.date}` : `seen ${entry.seen}`}), ` +
            `but the question was ${q.reviewed ? `last reviewed on ${q.reviewed}` : 'never reviewed'}; ` +
            'check it against the docs as they are now and set "reviewed" to that day',
        });
      }
    }
  }
  return problems;
}

/**
 * The ledger problems of a validation run: each folder among `targets` that holds a ledger is
 * checked, and in strict mode the questions are checked against its entries.
 */
export function ledgerCheck(targets: readonly string[], questions: readonly Question[], strict: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const target of targets) {
    let isFolder = false;
    try {
      isFolder = fs.statSync(target).isDirectory() && fs.existsSync(path.join(target, LEDGER_FILE));
    } catch {
      continue;
    }
    if (!isFolder) continue;
    const ledger = loadLedger(target);
    problems.push(...ledger.problems);
    if (strict) problems.push(...checkLedgerRules(questions, ledger.entries));
  }
  return problems;
}
