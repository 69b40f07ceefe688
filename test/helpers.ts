import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'aif-quiz.js');
export const MINI_BANK = path.join(ROOT, 'test', 'fixtures', 'mini.yaml');

/** A fresh temporary folder, never the user's own data. */
export function tempDir(prefix = 'aif-quiz-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/**
 * Write a bank folder with `perDomain` single-answer questions in every domain. The key of
 * question `dN-i` reads "Right dN-i", so a test can find it on screen.
 */
export function makeBankFolder(perDomain: number): string {
  const dir = tempDir('aif-quiz-bank-');
  for (const domain of [1, 2, 3, 4, 5]) {
    const questions = Array.from({ length: perDomain }, (_, i) => {
      const id = `d${domain}-${i}`;
      return `  - id: ${id}
    task: "${domain}.1"
    objective: "${domain}.1.1"
    type: single
    difficulty: 2
    stem: Question ${id} asks something about domain ${domain}?
    options:
      - { text: Right ${id}, correct: true, why: Right. }
      - { text: Wrong one, why: Wrong. }
      - { text: Wrong two, why: Wrong. }
      - { text: Wrong three, why: Wrong. }
    explanation: Because ${id}.
    references: [https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html]
`;
    });
    writeFile(dir, `${domain}.yaml`, `domain: ${domain}\nquestions:\n${questions.join('')}`);
  }
  return dir;
}

/** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}
