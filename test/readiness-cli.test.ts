import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/bank/catalogue.js';
import { loadBanks } from '../src/bank/load.js';
import { statsOutput } from '../src/cli/json-output.js';
import { shippedBanksDir } from '../src/paths.js';
import { applyAttempt } from '../src/progress/apply.js';
import { emptyProgress, type Attempt, type Progress } from '../src/progress/schema.js';
import { BIN, tempDir } from './helpers.js';
import { cleanEnv } from './pty.js';

function run(args: string[], home: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: cleanEnv({ AIF_QUIZ_HOME: home, COLUMNS: '80', ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const shipped = loadBanks([shippedBanksDir()]).questions;

/** The case the issue reports: 33 answers, 2 in domain 1 and 2 in domain 5, most of them right. */
function overconfident(): Progress {
  const perDomain = new Map([
    [1, 2],
    [2, 12],
    [3, 14],
    [4, 3],
    [5, 2],
  ]);
  const now = Date.now();
  const attempts: Attempt[] = DOMAINS.flatMap((d) =>
    shipped
      .filter((q) => q.domain === d.id)
      .slice(0, perDomain.get(d.id))
      .map((q, i): Attempt => ({ id: q.id, at: new Date(now - (40 - i) * 60_000).toISOString(), correct: i % 4 !== 3, seconds: 50, mode: 'practice' })),
  );
  return attempts.reduce((p, a) => applyAttempt(p, a), emptyProgress());
}

describe('stats and readiness', () => {
  const home = tempDir();
  fs.writeFileSync(path.join(home, 'progress.json'), `${JSON.stringify(overconfident())}\n`);

  it('stats --json gives the range, the chance of passing and the evidence per domain', () => {
    const result = run(['stats', '--json'], home);
    expect(result.code).toBe(0);
    const data = statsOutput.parse(JSON.parse(result.stdout));
    const r = data.readiness;
    expect(r.answers).toBe(33);
    expect(r.enoughEvidence).toBe(false);
    expect(r.domains.map((d) => [d.domain, d.answers, d.enoughEvidence])).toEqual([
      [1, 2, false],
      [2, 12, true],
      [3, 14, true],
      [4, 3, false],
      [5, 2, false],
    ]);
    expect(r.range.low).toBeLessThan(r.expected);
    expect(r.range.high).toBeGreaterThan(r.expected);
    expect(r.range.high - r.range.low).toBeGreaterThan(150);
    expect(r.passProbability).toBeGreaterThan(0);
    expect(r.passProbability).toBeLessThan(1);
    // Thin domains show the wide range they imply.
    const d1 = r.domains[0]!;
    expect(d1.shareRange.high - d1.shareRange.low).toBeGreaterThan(0.3);
  });

  it('stats says "not enough evidence" for the thin domains, with a range bar', () => {
    const result = run(['stats'], home);
    expect(result.code).toBe(0);
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Not enough evidence in domains 1, 4 and 5 (fewer than 10 answers)');
    expect(text).toMatch(/Domain 1: 2 answers, likely \d+%-\d+% right · not enough evidence/);
    expect(text).toMatch(/80% range \d+-\d+ · chance of 700 or more: \S+ · from 33 answers/);
    expect(result.stdout).toMatch(/100 [░█│┃]+ 1000/);
  });
});
