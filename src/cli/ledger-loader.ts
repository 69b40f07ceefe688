import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../bank/cache.js';
import { LEDGER_FILE } from '../bank/files.js';
import type { ServiceStatus } from '../bank/ledger-match.js';
import { unsafeTextReason } from '../bank/text.js';
import { UserError } from '../errors.js';
import { shippedBanksDir } from '../paths.js';
import { formatProblem } from './banks.js';
import { hint } from './invocation.js';

/**
 * The shipped service-status ledger for the screens that show its notes. Parsing it needs the
 * YAML parser and zod, which a warm start otherwise never loads, so the checked entries are kept
 * in the cache folder under the sha-256 of the ledger's bytes: a changed ledger is a miss, and so
 * is any cached entry that is not exactly the shape and text a checked one has.
 */

let ledger: readonly ServiceStatus[] | undefined;

export async function shippedLedger(): Promise<readonly ServiceStatus[]> {
  if (ledger) return ledger;
  const file = path.join(shippedBanksDir(), LEDGER_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return (ledger = []);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const cached = path.join(cacheDir(), `ledger-${hash.slice(0, 32)}.json`);
  ledger = readCached(cached, hash) ?? (await parseAndCache(file, bytes, cached, hash));
  return ledger;
}

async function parseAndCache(file: string, bytes: Buffer, cached: string, hash: string): Promise<readonly ServiceStatus[]> {
  const { parseLedger } = await import('../bank/ledger.js');
  const loaded = parseLedger(file, bytes.toString('utf8'));
  if (loaded.problems.length > 0) {
    throw new UserError(
      `The service-status ledger has ${loaded.problems.length === 1 ? 'a problem' : `${loaded.problems.length} problems`}:\n` +
        loaded.problems.slice(0, 10).map(formatProblem).join('\n'),
      `Fix it and check with: ${hint('validate --strict')}`,
    );
  }
  try {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ hash, entries: loaded.entries }));
    fs.renameSync(temp, cached);
  } catch {
    // A cache that cannot be written only costs the parse next time.
  }
  return loaded.entries;
}

const FIELDS = new Set(['id', 'name', 'aliases', 'context', 'status', 'date', 'seen', 'note', 'reference']);
const STATUSES = new Set(['closed-to-new-customers', 'discontinued', 'end-of-support', 'renamed', 'moved']);
const safe = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 1000 && unsafeTextReason(v) === undefined;
const safeList = (v: unknown) => v === undefined || (Array.isArray(v) && v.length <= 10 && v.every(safe));

/** The cached entries when they are exactly what a checked ledger holds; anything else is a miss. */
function readCached(file: string, hash: string): readonly ServiceStatus[] | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { hash?: unknown; entries?: unknown };
    if (data.hash !== hash || !Array.isArray(data.entries)) return undefined;
    const ok = data.entries.every((e: Record<string, unknown>) =>
      e !== null && typeof e === 'object' && Object.keys(e).every((k) => FIELDS.has(k)) &&
      safe(e.id) && safe(e.name) && safe(e.note) && safe(e.seen) && (e.date === undefined || safe(e.date)) &&
      typeof e.reference === 'string' && e.reference.startsWith('https://') && safe(e.reference) &&
      typeof e.status === 'string' && STATUSES.has(e.status) && safeList(e.aliases) && safeList(e.context));
    return ok ? (data.entries as ServiceStatus[]) : undefined;
  } catch {
    return undefined;
  }
}
