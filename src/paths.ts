import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root folder: where `questions/` and `schema/` ship. */
export function packageRoot(): string {
  // This file compiles to dist/paths.js, one level below the root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

export function shippedBanksDir(): string {
  return path.join(packageRoot(), 'questions');
}
