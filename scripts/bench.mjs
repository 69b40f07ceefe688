#!/usr/bin/env node
// npm run bench: start-up and saving speed, measured as whole processes against `node -e 0`
// on the same machine in the same run, and peak memory of a practice session. Prints each
// figure with its target; exits 1 if one is missed. Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'aif-quiz.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aif-quiz-bench-'));
const env = { ...process.env, AIF_QUIZ_HOME: path.join(tmp, 'home'), AIF_QUIZ_CACHE: path.join(tmp, 'cache'), NO_COLOR: '1' };
delete env.FORCE_COLOR;

function timeOnce(args, extraEnv = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Interleave the command with the baseline so that machine noise hits both alike. */
function versus(args) {
  const base = [];
  const cmd = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(timeOnce(['-e', '0']));
    cmd.push(timeOnce(args));
  }
  return { base: median(base), cmd: median(cmd) };
}

const rows = [];
function row(name, value, target, unit, ok) {
  rows.push({ name, value, target, unit, ok });
  console.log(`${ok ? 'ok  ' : 'MISS'}  ${name.padEnd(52)} ${value.padStart(10)}  (target ${target})`);
}

console.log(`aif-quiz bench · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${RUNS} runs each, medians\n`);

// 1. --version
{
  const { base, cmd } = versus([BIN, '--version']);
  row('aif-quiz --version vs node -e 0', `${(cmd / base).toFixed(2)}×`, '≤ 1.30×', '', cmd / base <= 1.3);
  console.log(`      node -e 0 ${base.toFixed(1)} ms, --version ${cmd.toFixed(1)} ms`);
}

// 1b. What the README tells users to run: `npx aif-quiz` from the clone. npx resolves the local
// bin through npm first, which costs more than the tool itself; `npm link` (or `npm install -g .`)
// puts `aif-quiz` on the PATH and brings it down to the figure above. Informational: npm's cost.
{
  const times = [];
  for (let i = 0; i < Math.min(RUNS, 7); i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync('npx', ['--no-install', 'aif-quiz', '--version'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`npx aif-quiz --version failed: ${result.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  row('npx aif-quiz --version (from the clone)', `${median(times).toFixed(0)} ms`, 'informational: npm resolves the bin', '', true);
}

// 2. The shipped banks (warm cache, as on every start after the first).
{
  timeOnce([BIN, 'domains', '--json']);
  const { base, cmd } = versus([BIN, 'domains', '--json']);
  row('load the shipped banks (domains --json) vs node -e 0', `${(cmd / base).toFixed(2)}×`, '≤ 1.60×', '', cmd / base <= 1.6);
  console.log(`      node -e 0 ${base.toFixed(1)} ms, domains --json ${cmd.toFixed(1)} ms`);
}

// 3. A synthetic 10,000-question user bank: validated cold, then loaded again unchanged.
{
  const dir = path.join(tmp, 'big');
  fs.mkdirSync(dir);
  for (let f = 0; f < 10; f++) {
    const domain = (f % 5) + 1;
    const lines = [`domain: ${domain}`, 'questions:'];
    for (let i = 0; i < 1000; i++) {
      const id = `big-${f}-${i}`;
      lines.push(
        `  - id: ${id}`,
        `    task: "${domain}.1"`,
        `    objective: "${domain}.1.1"`,
        '    type: single',
        '    difficulty: 2',
        `    stem: A synthetic question number ${id} about a company that wants something done well. Which option fits?`,
        '    options:',
        `      - { text: The right answer for ${id}, correct: true, why: It is the one that fits the scenario. }`,
        '      - { text: A wrong answer of similar length, why: It does not fit the scenario at all. }',
        '      - { text: Another wrong answer that reads well, why: It solves a different problem. }',
        '      - { text: A third wrong answer for balance, why: It is a neighbouring idea only. }',
        `    explanation: The rule behind question ${id}, explained in a sentence or two for the learner.`,
        '    references: [https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html]',
      );
    }
    fs.writeFileSync(path.join(dir, `bank-${f}.yaml`), `${lines.join('\n')}\n`);
  }
  const cold = [];
  const warm = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    const cache = path.join(tmp, `cache-big-${i}`);
    cold.push(timeOnce([BIN, 'validate', dir], { AIF_QUIZ_CACHE: cache }));
    warm.push(timeOnce([BIN, 'validate', dir], { AIF_QUIZ_CACHE: cache }));
  }
  row('10,000-question bank, validated cold', `${(median(cold) / 1000).toFixed(2)} s`, '≤ 3 s', 's', median(cold) <= 3000);
  row('10,000-question bank, loaded again unchanged', `${(median(warm) / 1000).toFixed(2)} s`, '≤ 0.3 s', 's', median(warm) <= 300);
}

// 4. Saving one answer with 50,000 past attempts (measured inside one process: the save itself).
{
  const home = path.join(tmp, 'save');
  fs.mkdirSync(home, { recursive: true });
  const attempts = [];
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 50_000; i++) {
    attempts.push({
      id: `big-${i % 10}-${i % 1000}`,
      at: new Date(t0 + i * 60_000).toISOString(),
      answer: { type: 'single', choice: i % 4 },
      correct: i % 3 !== 0,
      seconds: 20 + (i % 60),
      mode: 'practice',
    });
  }
  fs.writeFileSync(path.join(home, 'progress.json'), JSON.stringify({ version: 1, attempts }));
  const script = `
    import { ProgressStore } from ${JSON.stringify(path.join(ROOT, 'dist', 'progress-store.js'))};
    const store = new ProgressStore(${JSON.stringify(home)});
    store.load(); // migrates the 50,000 attempts once
    const times = [];
    for (let i = 0; i < 40; i++) {
      const start = process.hrtime.bigint();
      store.record({ id: 'big-0-' + i, at: new Date().toISOString(), answer: { type: 'single', choice: 0 }, correct: true, seconds: 30, mode: 'practice' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    // Another session saves between this one's saves: each save then reads and checks the file afresh.
    const other = new ProgressStore(${JSON.stringify(home)});
    const shared = [];
    for (let i = 0; i < 20; i++) {
      other.record({ id: 'big-1-' + i, at: new Date().toISOString(), answer: { type: 'single', choice: 1 }, correct: false, seconds: 25, mode: 'practice' });
      const start = process.hrtime.bigint();
      store.record({ id: 'big-2-' + i, at: new Date().toISOString(), answer: { type: 'single', choice: 0 }, correct: true, seconds: 30, mode: 'practice' });
      shared.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    shared.sort((a, b) => a - b);
    console.log(JSON.stringify({ median: times[20], shared: shared[10], size: (await import('node:fs')).statSync(store.file).size }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' }));
  row('save one answer, 50,000 past attempts', `${out.median.toFixed(1)} ms`, '≤ 10 ms', 'ms', out.median <= 10);
  row('  the same, just after another session saved', `${out.shared.toFixed(1)} ms`, 'informational: read and checked afresh', 'ms', true);
  console.log(`      progress file ${(out.size / 1024).toFixed(0)} KiB after migration (history bounded, state per question)`);
}

// 5. Peak memory of a practice session, in a real pseudo-terminal: a session of 20 questions
// answered as a learner does (an answer, then "sure" on the feedback screen), ending with "Not
// now" to the offer of a review. Keys are sent only once the screen has settled, and never `n`
// (on the feedback screen it opens the study note) or anything else that leaves the session.
{
  const pty = (await import('node-pty')).default;
  const home = path.join(tmp, 'mem');
  const COUNT = 20;
  const proc = pty.spawn(process.execPath, [BIN, 'practice', '--domain', '2', '--count', String(COUNT), '--seed', '1'], {
    cols: 100,
    rows: 40,
    env: { ...env, AIF_QUIZ_HOME: home },
  });
  let raw = '';
  proc.onData((d) => (raw += d));
  let exited = false;
  const done = new Promise((resolve) => proc.onExit(() => resolve((exited = true))));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {}
  }, 20);
  // eslint-disable-next-line no-control-regex
  const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;
  const HOW_MANY = { TWO: 2, THREE: 3, FOUR: 4 };
  let answered = 0;
  let seen = -1;
  let settledSince = Date.now();
  let keyAt = -1;
  const deadline = Date.now() + 60_000;
  while (!exited && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (raw.length !== seen) {
      seen = raw.length;
      settledSince = Date.now();
      continue;
    }
    // Wait until the screen has been still for a moment, and for a new screen after each key.
    if (Date.now() - settledSince < 120 || (keyAt === raw.length && Date.now() - settledSince < 1500)) continue;
    const text = raw.replace(ANSI, '');
    const screen = text.slice(Math.max(text.lastIndexOf('Question '), text.lastIndexOf('Review the')));
    if (/Review the .* now\?/.test(screen)) proc.write('\u001B[B\r'); // "Not now"
    else if (screen.includes('s sure') || screen.includes('⏎ next')) {
      proc.write('s');
      answered++;
    } else {
      // A question: the first options a multiple-response question asks for, else the first
      // option by its letter, else (ordering and matching picks, listed with ↑↓) Enter.
      const many = HOW_MANY[/\(Select (TWO|THREE|FOUR)\.?\)/.exec(screen)?.[1] ?? ''];
      proc.write(many ? `${'abcdef'.slice(0, many)}\r` : /\b[a-z]-[a-z] /.test(screen.slice(-400)) ? 'a' : '\r');
    }
    keyAt = raw.length;
  }
  clearInterval(poll);
  if (!exited) proc.kill();
  await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
  const ok = exited && answered === COUNT && peak > 0 && peak <= 80;
  row(`peak memory of a practice session (${COUNT} answers)`, `${peak.toFixed(1)} MiB`, '≤ 80 MiB', 'MiB', ok);
  if (!exited || answered !== COUNT) console.log(`      the session did not run as scripted: ${answered} of ${COUNT} answers, ${exited ? 'ended' : 'still running'}`);
}

fs.rmSync(tmp, { recursive: true, force: true });
const missed = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length - missed} of ${rows.length} targets met.`);
process.exitCode = missed ? 1 : 0;
