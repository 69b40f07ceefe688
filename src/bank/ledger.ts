import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LEDGER_FILE } from './files.js';
import { parseYamlFile } from './parse.js';
import { formatPath, type Problem } from './problem.js';
import type { Question } from './question.js';
import { checkLedgerRules, SERVICE_STATUSES, type ServiceStatus } from './ledger-match.js';
import { httpsUrl, id, isoDate, text } from './schema.js';

export { checkLedgerRules, statusNotesFor, statusWords, SERVICE_STATUSES } from './ledger-match.js';
export { LEDGER_FILE };

/**
 * The service-status ledger: the AWS services and features whose availability changed while
 * the exam guide still names them. A fact such as "closed to new customers since June 2026" is
 * written once here, shown under every question that names the service, and checked against
 * each question's `reviewed` date, so the bank cannot silently fall behind AWS.
 */


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

export type { ServiceStatus } from './ledger-match.js';

export interface Ledger {
  readonly file: string;
  readonly entries: readonly ServiceStatus[];
  readonly problems: readonly Problem[];
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
