import chalk from 'chalk';
import { statusNotesFor, statusWords, type ServiceStatus } from '../bank/ledger-match.js';
import type { Question } from '../bank/question.js';
import { escapeText } from './escape.js';
import { hang } from './text.js';

let shown: readonly ServiceStatus[] = [];

/**
 * Read the shipped ledger for this run's feedback screens. Commands that show feedback call it
 * once before their first screen; loading it then keeps YAML and zod off the warm start path.
 */
export async function prepareStatusNotes(): Promise<void> {
  const { shippedLedger } = await import('./ledger-loader.js');
  shown = await shippedLedger();
}

/** The ledger entries this run shows (empty until prepareStatusNotes has run). */
export function shownLedger(): readonly ServiceStatus[] {
  return shown;
}

/**
 * The ledger's notes for the services a question names, for under its explanation: a learner
 * who meets SageMaker Clarify in a question also learns that it is closed to new customers, from
 * the one place where that fact is kept.
 */
export function renderStatusNotes(question: Question, width: number, ledger: readonly ServiceStatus[] = shown): string {
  return statusNotesFor(question, ledger)
    .map((entry) => hang(chalk.bold('Service status: '), escapeText(statusLine(entry)), width))
    .join('\n');
}

/** "Amazon Kendra: closed to new customers since 2026-07-30. <note>" */
export function statusLine(entry: ServiceStatus): string {
  const when = entry.date ? ` since ${entry.date}` : ` (as of ${entry.seen})`;
  return `${entry.name}: ${statusWords(entry)}${when}. ${entry.note}`;
}
