import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/bank/catalogue.js';
import { loadBanks } from '../src/bank/load.js';
import { statsOutput } from '../src/cli/json-output.js';
import { sayDay } from '../src/engine/plan.js';
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
    expect(text).toMatch(/Readiness if you sat the exam today: between \d+ and \d+ of 1,000 \(too few answers for one number\)/);
    expect(text).toMatch(/80% range \d+-\d+ · chance of 700 or more: \S+ \(rough\) · from 33 answers/);
    expect(result.stdout).toMatch(/100 [░█│┃]+ 1000/);
  });
});

describe('plan', () => {
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const futureSaid = sayDay(future, new Date().toISOString().slice(0, 10));

  it('refuses a bad date, a past date and a bad budget with exit 2 and a message, saving nothing', () => {
    const home = tempDir();
    for (const [args, message] of [
      [['--exam-date', '2027-02-30'], '--exam-date must be a day written YYYY-MM-DD'],
      [['--exam-date', '20/01/2027'], '--exam-date must be a day written YYYY-MM-DD'],
      [['--exam-date', past], 'is in the past'],
      [['--exam-date', future, '--minutes-per-day', '0'], '--minutes-per-day must be a whole number from 1 to 600'],
      [['--minutes-per-day', '20'], '--minutes-per-day needs an exam day'],
    ] as const) {
      const result = run(['plan', ...args], home);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(fs.existsSync(path.join(home, 'progress.json'))).toBe(false);
  });

  it('saves the exam day and budget in the progress settings, and shows today\'s plan', () => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, 'progress.json'), `${JSON.stringify(overconfident())}\n`);
    const result = run(['plan', '--exam-date', future, '--minutes-per-day', '45'], home);
    expect(result.code).toBe(0);
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Saved: exam on ${future}, 45 minutes a day.`);
    expect(text).toContain(`Plan: exam on ${futureSaid} (40 days left), 45 minutes a day`);
    expect(text).toMatch(/Today: \d+ reviews? due \+ \d+ new questions?, weighted toward your weak task statements/);
    expect(text).toContain('Streak: 1 day in a row');
    expect(text).toMatch(/Exam day: at \d+ a day \(your last 7 days\), about \d+, 80% range \d+-\d+/);
    const saved = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as Progress;
    expect(saved.settings).toMatchObject({ examDate: future, minutesPerDay: 45 });
    expect(Object.keys(saved.questions)).toHaveLength(33);

    // Changing the budget alone keeps the day; stats shows the plan too.
    expect(run(['plan', '--minutes-per-day', '20'], home).stdout).toContain(`Saved: exam on ${future}, 20 minutes a day.`);
    const stats = run(['stats'], home).stdout.replace(/\s+/g, ' ');
    expect(stats).toContain(`Plan: exam on ${futureSaid} (40 days left), 20 minutes a day`);
    expect(stats).toContain('Readiness if you sat the exam today');

    // stats --json carries the same plan, beside the readiness it projects.
    const data = statsOutput.parse(JSON.parse(run(['stats', '--json'], home).stdout));
    const plan = data.plan!;
    expect(plan).toMatchObject({ examDate: future, minutesPerDay: 20, daysLeft: 40, streak: 1 });
    // These answers record no chosen option, so the pace is the default 90 s a question.
    expect(plan.perDay).toBe(Math.floor((20 * 60) / 90));
    const ids = new Set(shipped.map((q) => q.id));
    const todays = [...plan.today.reviews, ...plan.today.fresh];
    expect(todays.length).toBe(plan.perDay);
    for (const id of todays) expect(ids.has(id)).toBe(true);
    expect(plan.projected.target).toBe(future);
    expect(plan.coverage.map((c) => c.domain)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stats --json has a null plan until an exam day is set', () => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, 'progress.json'), `${JSON.stringify(overconfident())}\n`);
    expect(statsOutput.parse(JSON.parse(run(['stats', '--json'], home).stdout)).plan).toBeNull();
  });

  it('without an exam day says how to set one', () => {
    const result = run(['plan'], tempDir());
    expect(result.code).toBe(0);
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('No exam day set yet. Plan to it with:');
    expect(text).toContain('plan --exam-date YYYY-MM-DD');
  });
});
