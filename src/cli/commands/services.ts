import chalk from 'chalk';
import { statusWords, type ServiceStatus } from '../../bank/ledger.js';
import { shippedLedger } from '../ledger-loader.js';
import { escapeText, safeJson } from '../escape.js';
import { terminalWidth } from '../terminal.js';
import { hang } from '../text.js';

/** The service-status ledger: what changed at AWS while the exam guide still names it. */
export async function services(options: { json?: boolean }): Promise<void> {
  const entries = await shippedLedger();
  if (options.json) {
    console.log(safeJson({ services: entries }, 2));
    return;
  }
  const width = terminalWidth();
  console.log(chalk.bold('AWS services and features whose availability changed'));
  console.log(hang('', 'Questions that name one of these show its note under the explanation. The exam guide may still list them: learn what they do.', width));
  for (const entry of entries) console.log(`\n${renderServiceStatus(entry, width)}`);
}

export function renderServiceStatus(entry: ServiceStatus, width: number): string {
  return [
    hang('', chalk.bold(escapeText(entry.name)) + `: ${statusWords(entry)} ${entry.date ? `since ${entry.date}` : `(as of ${entry.seen})`}`, width),
    hang('  ', escapeText(entry.note), width),
    hang('  ', escapeText(entry.reference), width),
  ].join('\n');
}
