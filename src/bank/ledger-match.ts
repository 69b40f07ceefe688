/**
 * Which questions name a service of the service-status ledger, and the strict rule on them.
 * Kept apart from the ledger's schema so that showing a note needs neither zod nor YAML.
 */
import type { Problem } from './problem.js';
import type { Question } from './question.js';

export const SERVICE_STATUSES = ['closed-to-new-customers', 'discontinued', 'end-of-support', 'renamed', 'moved'] as const;
export type ServiceStatusKind = (typeof SERVICE_STATUSES)[number];

/** One entry of the ledger, as questions/service-status.yaml writes it. */
export interface ServiceStatus {
  readonly id: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly context?: readonly string[];
  readonly status: ServiceStatusKind;
  readonly date?: string;
  readonly seen: string;
  readonly note: string;
  readonly reference: string;
}

const STATUS_WORDS: Readonly<Record<ServiceStatusKind, string>> = {
  'closed-to-new-customers': 'closed to new customers',
  discontinued: 'discontinued',
  'end-of-support': 'end of support announced',
  renamed: 'renamed',
  moved: 'moved',
};

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

