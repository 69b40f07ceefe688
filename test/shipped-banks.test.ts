import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/bank/catalogue.js';
import { bankJsonSchema } from '../src/bank/json-schema.js';
import { findBankFiles, loadBanks } from '../src/bank/load.js';
import { ROOT } from './helpers.js';

const QUESTIONS = path.join(ROOT, 'questions');
const result = loadBanks([QUESTIONS], { strict: true });

describe('the shipped question banks', () => {
  it('pass the strict validation', () => {
    const problems = result.problems.map((p) => `${path.relative(ROOT, p.file)}:${p.line}:${p.column} ${p.path} ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('cover every domain with at least 10 questions and every question type', () => {
    for (const domain of DOMAINS) {
      expect(result.questions.filter((q) => q.domain === domain.id).length, `domain ${domain.id}`).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(result.questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'ordering', 'matching']));
  });

  it('keep a folder per domain and a file per task statement', () => {
    for (const file of findBankFiles([QUESTIONS]).files) {
      const folder = path.basename(path.dirname(file));
      const task = path.basename(file, '.yaml');
      expect(folder.startsWith(`${task.split('.')[0]}-`), file).toBe(true);
      const inFile = result.questions.filter((q) => q.source.file === file);
      expect(inFile.length, file).toBeGreaterThan(0);
      expect(inFile.every((q) => q.task === task), file).toBe(true);
      expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/bank.schema.json');
    }
  });
});

describe('the committed JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing it)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'schema', 'bank.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(bankJsonSchema());
  });
});
