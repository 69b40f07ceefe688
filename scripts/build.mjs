// Bundles the CLI with esbuild: one entry plus a chunk per lazily loaded command, so start-up
// reads a handful of files instead of hundreds of modules. Type checking is tsc's job (npm test).
import { build } from 'esbuild';
import fs from 'node:fs';

fs.rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'src/cli/main.ts',
    // Also used on their own: by the schema script and by the progress stress test.
    'json-schema': 'src/bank/json-schema.ts',
    'progress-store': 'src/progress/store.ts',
    // Parses half of a large bank set on the second core.
    'parse-worker': 'src/bank/parse-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() and read __filename (write-file-atomic); give the ESM output both.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url);" },
  legalComments: 'linked',
  // Less to parse at every start; identifiers stay readable for bug reports.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
