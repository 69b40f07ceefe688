import path from 'node:path';
import { build } from 'esbuild';
import { ROOT, tempDir } from '../helpers.js';

/**
 * The progress store bundled on its own, for the writer processes of the stress tests: built
 * from the sources under test, so the tests do not depend on a dist/ that may be stale or
 * half-rebuilt.
 */
export async function buildStoreBundle(): Promise<string> {
  const outfile = path.join(tempDir('aif-quiz-store-'), 'progress-store.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'progress', 'store.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url);" },
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
  return outfile;
}
