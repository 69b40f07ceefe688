import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir, writeFile } from './helpers.js';
import { cleanEnv } from './pty.js';

/** Run the built CLI without a terminal, as a script or a pipe would. */
function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: cleanEnv({ AIF_QUIZ_HOME: tempDir(), COLUMNS: '60', ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** A bank folder with notes for task 3.3, so learn has something to show. */
function notesFolder(): string {
  const dir = tempDir();
  const sections = [1, 2, 3].map(
    (n) => `## 3.3.${n} Objective ${n} of task 3.3\n\n${words(160)}\n\n- a list item\n\nReferences:\n- https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html\n`,
  );
  writeFile(dir, '3-fm/3.3.md', `# Task 3.3: Describe the training and fine-tuning process for foundation models\n\n${sections.join('\n')}`);
  return dir;
}

describe('aif-quiz learn', () => {
  it('lists every objective of the exam with its note size and question count as JSON', () => {
    const { code, stdout } = run(['learn', '--json']);
    expect(code).toBe(0);
    const { objectives } = JSON.parse(stdout) as { objectives: { objective: string; questions: number; words: number }[] };
    expect(objectives.length).toBe(70);
    expect(objectives.every((o) => o.questions > 0)).toBe(true);
  });

  it('prints a note as plain text when piped, references included', () => {
    const { code, stdout } = run(['learn', '3.3.2', '--bank', notesFolder()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^3\.3\.2 {2}Objective 2 of task 3\.3\n/);
    expect(stdout).toContain('https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('says what to give when the argument is neither a task nor an objective', () => {
    const { code, stderr } = run(['learn', '9.9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/"9\.9" is not a task statement or an objective/);
  });
});

describe('aif-quiz services', () => {
  it('lists the service-status ledger, each entry with its AWS page', () => {
    const { code, stdout } = run(['services']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Amazon SageMaker Clarify: closed to new customers/);
    expect(stdout).toMatch(/Amazon Kendra: closed to new customers since 2026-07-30/);
    const json = JSON.parse(run(['services', '--json']).stdout) as { services: { reference: string }[] };
    expect(json.services.every((s) => s.reference.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
  });

  it('reads the ledger from its cache when unchanged, and treats a poisoned cache entry as a miss', () => {
    const cache = tempDir();
    const first = run(['services', '--json'], { AIF_QUIZ_CACHE: cache });
    const [entry] = fs.readdirSync(cache).filter((f) => f.startsWith('ledger-'));
    expect(entry).toBeDefined();
    expect(run(['services', '--json'], { AIF_QUIZ_CACHE: cache }).stdout).toBe(first.stdout);
    const file = path.join(cache, entry!);
    const poisoned = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { note: string }[] };
    poisoned.entries[0]!.note = 'Still open to everyone \u001b]52;c;cHduZWQ=\u0007';
    fs.writeFileSync(file, JSON.stringify(poisoned));
    const again = run(['services', '--json'], { AIF_QUIZ_CACHE: cache });
    expect(again.stdout).toBe(first.stdout);
  });
});

describe('validate --strict with study notes', () => {
  it('fails when a task statement of a bank folder with notes has none, naming it', () => {
    const copy = path.join(tempDir(), 'questions');
    fs.cpSync(path.join(ROOT, 'questions'), copy, { recursive: true });
    expect(run(['validate', '--strict', copy]).code).toBe(0);
    fs.rmSync(path.join(copy, '4-responsible-ai', '4.2.md'));
    const { code, stdout } = run(['validate', '--strict', copy]);
    expect(code).toBe(1);
    expect(stdout).toContain('task 4.2 has no notes file (4.2.md beside its bank)');
    expect(stdout).toMatch(/its objective 4\.2\.\d has no study note/);
  });
});
