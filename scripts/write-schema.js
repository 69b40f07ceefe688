#!/usr/bin/env node
// Writes schema/bank.schema.json from the zod schema, so editors can check banks as you type.
// `--check` exits 1 when the committed file differs (the test suite runs it).
import fs from 'node:fs';
import { bankJsonSchema } from '../dist/json-schema.js';

const target = new URL('../schema/bank.schema.json', import.meta.url);
const text = `${JSON.stringify(bankJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('schema/bank.schema.json is stale: run npm run schema');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
  console.log('wrote schema/bank.schema.json');
}
