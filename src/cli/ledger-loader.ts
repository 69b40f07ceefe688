import { loadLedger, type ServiceStatus } from '../bank/ledger.js';
import { UserError } from '../errors.js';
import { shippedBanksDir } from '../paths.js';
import { formatProblem } from './banks.js';
import { hint } from './invocation.js';

/**
 * Reading the ledger needs the YAML parser and zod, which a warm start otherwise never loads:
 * this module is imported only by the commands that show ledger notes, and only when they run.
 */

let ledger: readonly ServiceStatus[] | undefined;

/** The shipped service-status ledger, read once; its notes go under the questions that name a service. */
export function shippedLedger(): readonly ServiceStatus[] {
  if (ledger) return ledger;
  const loaded = loadLedger(shippedBanksDir());
  if (loaded.problems.length > 0) {
    throw new UserError(
      `The service-status ledger has ${loaded.problems.length === 1 ? 'a problem' : `${loaded.problems.length} problems`}:\n` +
        loaded.problems.slice(0, 10).map(formatProblem).join('\n'),
      `Fix it and check with: ${hint('validate --strict')}`,
    );
  }
  ledger = loaded.entries;
  return ledger;
}

