import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from './problem.js';
import { naturalCompare } from './text.js';

/** Named here rather than imported from ledger.ts, so finding files does not load zod. */
export const LEDGER_FILE = 'service-status.yaml';

/** Find the bank files named by the given files and folders (folders are searched recursively). */
export function findBankFiles(targets: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const visit = (target: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      problems.push({ file: target, line: 1, column: 1, path: '', message: 'no such file or folder' });
      return;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(target).sort(naturalCompare);
      // The service-status ledger lives beside the domain folders but is not a bank.
      for (const entry of entries) if (!entry.startsWith('.') && entry !== LEDGER_FILE) visit(path.join(target, entry), false);
    } else if (explicit || /\.ya?ml$/i.test(target)) {
      files.push(target);
    }
  };
  for (const target of targets) visit(target, true);
  return { files: [...new Set(files)], problems };
}
