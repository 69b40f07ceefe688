import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

let root: string | undefined;

/**
 * The installed package's root folder, where `questions/` and `schema/` ship: the nearest folder
 * above this code with our package.json (the bundler decides how deep below it the code sits).
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'aif-quiz') break;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('aif-quiz cannot find its own package.json');
    dir = parent;
  }
  root = dir;
  return root;
}

export function shippedBanksDir(): string {
  return path.join(packageRoot(), 'questions');
}

let version: string | undefined;

/** This package's version, read once from its package.json. */
export function packageVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
