import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from './problem.js';
import { naturalCompare } from './text.js';

/** Named here rather than imported from ledger.ts, so finding files does not load zod. */
export const LEDGER_FILE = 'service-status.yaml';

/** Larger files are refused before parsing: no honest bank comes near this. */
export const MAX_BANK_BYTES = 8 * 1024 * 1024;

/** Why a path that is not a plain file cannot be a bank, in the user's words. */
function notRegular(stat: fs.Stats): string {
  const kind =
    stat.isFIFO() ? 'a named pipe (FIFO)'
    : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device'
    : stat.isSocket() ? 'a socket'
    : 'not a regular file';
  return `this is ${kind}, not a bank file; only regular files are read, so it was skipped`;
}

/**
 * Find the bank files named by the given files and folders (folders are searched recursively,
 * following links, each folder once). Only regular files are taken: a named pipe would block
 * the read forever and a device such as /dev/zero never ends, so they are reported and skipped.
 */
export function findBankFiles(targets: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seenDirs = new Set<string>();
  const report = (file: string, message: string) => problems.push({ file, line: 1, column: 1, path: '', message });
  const visit = (target: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      report(target, code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `cannot be read (${code ?? (error as Error).message})`);
      return;
    }
    if (stat.isDirectory()) {
      // A link back to a parent folder would otherwise recurse for ever.
      let real = target;
      try {
        real = fs.realpathSync(target);
      } catch {
        // Use the path as given.
      }
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = fs.readdirSync(target).sort(naturalCompare);
      } catch (error) {
        report(target, `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        return;
      }
      // The service-status ledger lives beside the domain folders but is not a bank.
      for (const entry of entries) if (!entry.startsWith('.') && entry !== LEDGER_FILE) visit(path.join(target, entry), false);
    } else if (explicit || /\.ya?ml$/i.test(target)) {
      if (stat.isFile()) files.push(target);
      else report(target, notRegular(stat));
    }
  };
  for (const target of targets) visit(target, true);
  return { files: [...new Set(files)], problems };
}

/**
 * The bytes of a bank file, or why they cannot be read. The file is opened without blocking and
 * checked again on the open descriptor (it may have been swapped for a pipe since it was
 * listed), and at most MAX_BANK_BYTES + 1 bytes are ever read, whatever its size claims.
 */
export function readBankBytes(file: string): { bytes: Buffer } | { problem: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: cannotRead(error) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: notRegular(stat) };
    if (stat.size > MAX_BANK_BYTES) return { problem: tooLarge(stat.size) };
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, MAX_BANK_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return { problem: tooLarge(length) };
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // The file grew while being read: keep reading, up to the cap and one byte beyond.
      if (length === buffer.length && length <= MAX_BANK_BYTES) {
        const grown = Buffer.allocUnsafe(MAX_BANK_BYTES + 1);
        buffer.copy(grown, 0, 0, length);
        return readRest(fd, grown, length);
      }
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { problem: cannotRead(error) };
  } finally {
    fs.closeSync(fd);
  }
}

function readRest(fd: number, buffer: Buffer, start: number): { bytes: Buffer } | { problem: string } {
  let length = start;
  for (;;) {
    if (length === buffer.length) return { problem: tooLarge(length) };
    const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return { bytes: buffer.subarray(0, length) };
    length += n;
  }
}

function tooLarge(size: number): string {
  return `the file is over ${MAX_BANK_BYTES / 1048576} MiB (at least ${Math.max(1, Math.round(size / 1048576))} MiB); a bank may be at most ${MAX_BANK_BYTES / 1048576} MiB, split it`;
}

function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' ? 'the file cannot be read (permission denied)' : `the file cannot be read (${code ?? (error as Error).message})`;
}
