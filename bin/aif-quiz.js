#!/usr/bin/env node
import module from 'node:module';

// Reuse compiled code between runs, which makes start-up noticeably faster.
module.enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // The most frequent scripted call answers without loading the CLI at all.
  const { readFileSync } = await import('node:fs');
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
} else {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(args);
}
