import { DOMAINS } from '../bank/catalogue.js';
import { domainQuotas, EXAM, scaledEstimate } from './exam.js';
import { pickNewQuestions } from './plan.js';
import { seededRandom, shuffle, type Random } from './random.js';
import { estimateReadiness, SCORED_QUESTIONS, TASKS, sampleNormal, type QuestionEvidence } from './readiness.js';
import { ratingFor, reschedule, type CardState } from './schedule.js';

/**
 * A simulation harness for the readiness model: simulated learners whose true ability and
 * forgetting are known answer questions as a study order serves them, and sit simulated exams.
 * Pure and seeded: the same options give the same figures.
 *
 * The learner (not the model the estimate assumes, on purpose):
 * - per task statement a base chance on a new question, logistic in a learner level
 *   (normal, sd 0.8) plus a domain offset (sd 0.4: people are stronger in some domains) plus a
 *   task offset (sd 0.3);
 * - each question answered is remembered with an exponential forgetting curve whose stability
 *   starts at 1-4 days (times a learner memory factor), grows after each right recall (more after
 *   a longer gap) and starts over after a miss;
 * - knowing a task's questions carries over to new questions of the task: the chance on a new
 *   question is 1 - (1 - base) * (1 - transfer * the task's average recall), transfer 0.5-0.9;
 * - a question already met is answered right if either the task or the memory of it delivers.
 * A simulated exam is 50 new questions drawn as the estimate assumes (domain weights, then tasks
 * by objectives), each right with the true chance on that day.
 */

export type Strategy = 'tool' | 'random' | 'leitner';

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 5, 18);

interface SimQuestion {
  readonly id: string;
  readonly task: string;
}

interface Memory {
  stability: number;
  last: number;
}

interface Learner {
  readonly base: ReadonlyMap<string, number>;
  readonly transfer: number;
  readonly memoryFactor: number;
}

/** A bank shaped like the shipped one: `perObjective` questions for each objective of each task. */
export function simulatedBank(perObjective = 6): SimQuestion[] {
  return DOMAINS.flatMap((d) => d.tasks.flatMap((t) => Array.from({ length: t.objectives * perObjective }, (_, i) => ({ id: `${t.id}-q${i}`, task: t.id }))));
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function makeLearner(random: Random): Learner {
  const level = 0.1 + 0.8 * sampleNormal(random);
  const domainLevel = new Map(DOMAINS.map((d) => [d.id, level + 0.4 * sampleNormal(random)]));
  const base = new Map<string, number>();
  for (const [t, info] of TASKS) base.set(t, logistic(domainLevel.get(info.domain)! + 0.3 * sampleNormal(random)));
  return { base, transfer: 0.5 + 0.4 * random(), memoryFactor: Math.exp(0.3 * sampleNormal(random)) };
}

/** One learner's study state: their memories, the tool's cards and the answers it has seen. */
class Study {
  readonly memory = new Map<string, Memory>();
  readonly cards = new Map<string, CardState>();
  readonly answers = new Map<string, { at: Date; correct: boolean }[]>();
  readonly leitnerBox = new Map<string, { box: number; due: number }>();
  answered = 0;
  private readonly byTask = new Map<string, SimQuestion[]>();

  constructor(
    readonly bank: readonly SimQuestion[],
    readonly learner: Learner,
    readonly random: Random,
  ) {
    for (const q of bank) {
      const list = this.byTask.get(q.task) ?? [];
      list.push(q);
      this.byTask.set(q.task, list);
    }
  }

  recall(id: string, at: number): number {
    const m = this.memory.get(id);
    return m ? Math.exp(-(at - m.last) / DAY_MS / m.stability) : 0;
  }

  /** The true chance of answering a new question of `task` right at `at` (with every question remembered: `ceiling`). */
  newChance(task: string, at: number, ceiling = false): number {
    const pool = this.byTask.get(task) ?? [];
    const known = ceiling ? 1 : pool.length ? pool.reduce((s, q) => s + this.recall(q.id, at), 0) / pool.length : 0;
    return 1 - (1 - this.learner.base.get(task)!) * (1 - this.learner.transfer * known);
  }

  answer(q: SimQuestion, at: number): boolean {
    const r = this.recall(q.id, at);
    const chance = 1 - (1 - this.newChance(q.task, at)) * (1 - r);
    const correct = this.random() < chance;
    const m = this.memory.get(q.id);
    if (!m) this.memory.set(q.id, { stability: (2 + 4 * this.random()) * this.learner.memoryFactor, last: at });
    else {
      m.stability = correct ? m.stability * (1.5 + 4 * (1 - r)) : (2 + 4 * this.random()) * this.learner.memoryFactor;
      m.last = at;
    }
    const when = new Date(at);
    this.cards.set(q.id, reschedule(this.cards.get(q.id), ratingFor(correct, undefined, 60, 60), when));
    const list = this.answers.get(q.id) ?? [];
    list.push({ at: when, correct });
    this.answers.set(q.id, list);
    const box = this.leitnerBox.get(q.id)?.box ?? 0;
    const next = correct ? Math.min(5, box + 1) : 1;
    this.leitnerBox.set(q.id, { box: next, due: at + 2 ** (next - 1) * DAY_MS - DAY_MS / 2 });
    this.answered++;
    return correct;
  }

  evidence(): QuestionEvidence[] {
    const taskOf = new Map(this.bank.map((q) => [q.id, q.task]));
    return [...this.answers.entries()].map(([id, answers]) => ({ task: taskOf.get(id)!, answers, card: this.cards.get(id) }));
  }

  /** The true chance of passing an exam sat at `at` (normal approximation to the exam's draw). */
  truePass(at: number, ceiling = false): number {
    const { mean, variance } = this.trueExam(at, ceiling);
    const needed = Math.ceil(EXAM.passingShare * SCORED_QUESTIONS) - 0.5;
    return 1 - normalCdf((needed - mean) / Math.sqrt(Math.max(1e-9, variance)));
  }

  private trueExam(at: number, ceiling: boolean): { mean: number; variance: number } {
    let mean = 0;
    let variance = 0;
    for (const [domain, quota] of domainQuotas(SCORED_QUESTIONS)) {
      const p = [...TASKS.entries()].filter(([, i]) => i.domain === domain).reduce((s, [t, i]) => s + i.weight * this.newChance(t, at, ceiling), 0);
      mean += quota * p;
      variance += quota * p * (1 - p);
    }
    return { mean, variance };
  }

  /** Sit a simulated exam at `at`: the scaled score. */
  sitExam(at: number, random: Random): number {
    let correct = 0;
    for (const [domain, quota] of domainQuotas(SCORED_QUESTIONS)) {
      const tasks = [...TASKS.entries()].filter(([, i]) => i.domain === domain);
      for (let i = 0; i < quota; i++) {
        let u = random();
        let task = tasks[tasks.length - 1]![0];
        for (const [t, info] of tasks) {
          u -= info.weight;
          if (u < 0) {
            task = t;
            break;
          }
        }
        if (random() < this.newChance(task, at)) correct++;
      }
    }
    return scaledEstimate(correct, SCORED_QUESTIONS);
  }

  /** One day's questions in the order the strategy serves them. */
  session(strategy: Strategy, day: number, count: number): SimQuestion[] {
    const at = START + day * DAY_MS;
    const byId = new Map(this.bank.map((q) => [q.id, q]));
    const unseen = this.bank.filter((q) => !this.answers.has(q.id));
    if (strategy === 'random') return Array.from({ length: count }, () => this.bank[Math.floor(this.random() * this.bank.length)]!);
    if (strategy === 'leitner') {
      const due = [...this.leitnerBox.entries()].filter(([, b]) => b.due <= at).sort((a, b) => a[1].box - b[1].box || a[1].due - b[1].due);
      const ids = [...due.map(([id]) => id), ...shuffle(unseen, this.random).map((q) => q.id)];
      return ids.slice(0, count).map((id) => byId.get(id)!);
    }
    // The tool: the FSRS reviews due today, then new questions weighted toward weak tasks.
    const limit = new Date(at + 6 * 3_600_000).toISOString();
    const due = [...this.cards.entries()].filter(([, c]) => c.due <= limit).sort((a, b) => (a[1].due < b[1].due ? -1 : 1)).map(([id]) => id);
    const reviews = due.slice(0, count);
    const unseenByTask = new Map<string, string[]>();
    for (const q of unseen) unseenByTask.set(q.task, [...(unseenByTask.get(q.task) ?? []), q.id]);
    const posteriors = estimateReadiness(this.evidence(), { now: new Date(at), random: this.random, draws: 0 }).tasks;
    const fresh = pickNewQuestions(unseenByTask, posteriors, count - reviews.length, this.random);
    const ids = [...reviews, ...fresh];
    if (ids.length < count) {
      // Everything met and nothing due: the cards due soonest.
      const soon = [...this.cards.entries()].filter(([id]) => !ids.includes(id)).sort((a, b) => (a[1].due < b[1].due ? -1 : 1));
      ids.push(...soon.slice(0, count - ids.length).map(([id]) => id));
    }
    return ids.map((id) => byId.get(id)!);
  }

  studyDay(strategy: Strategy, day: number, count: number): void {
    const at = START + day * DAY_MS;
    this.session(strategy, day, count).forEach((q, i) => this.answer(q, at + i * 60_000));
  }
}

function normalCdf(z: number): number {
  // Abramowitz-Stegun 7.1.26 on erf.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface CalibrationOptions {
  readonly learners: number;
  readonly seed: number;
  /** Monte Carlo draws per estimate. */
  readonly draws?: number;
}

export interface Prediction {
  readonly passProbability: number;
  readonly low: number;
  readonly high: number;
  readonly expected: number;
  readonly score: number;
  readonly passed: boolean;
  readonly answers: number;
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedPassRate: number;
}

export interface CalibrationReport {
  readonly predictions: number;
  readonly brier: number;
  /** Brier score of always predicting the overall pass rate: the figure to beat. */
  readonly baselineBrier: number;
  readonly coverage: number;
  readonly meanWidth: number;
  /** Mean of (simulated score - expected score): how far the estimate leans high (negative) or low. */
  readonly meanError: number;
  readonly reliability: readonly ReliabilityBin[];
}

/**
 * Calibration run: each learner studies with the tool's order for a random number of days and
 * questions a day; at a few check-points the estimate is made for an exam a random 0-14 days
 * later, and the learner sits that exam (with no more study in between).
 */
export function simulateCalibration(options: CalibrationOptions): CalibrationReport {
  // Three streams: the learners and their exams, each learner's study, and the estimates, so
  // that the same learners study and sit the same exams whatever the model's settings.
  const random = seededRandom(options.seed);
  const estimates = seededRandom(options.seed * 7919 + 1);
  const bank = simulatedBank();
  const predictions: Prediction[] = [];
  for (let n = 0; n < options.learners; n++) {
    const study = new Study(bank, makeLearner(random), seededRandom(options.seed * 104_729 + n));
    const days = 2 + Math.floor(random() * 40);
    const perDay = 5 + Math.floor(random() * 36);
    const checkpoints = new Set([Math.floor(days / 3), Math.floor((2 * days) / 3), days]);
    for (let day = 1; day <= days; day++) {
      study.studyDay('tool', day, perDay);
      if (!checkpoints.has(day)) continue;
      const now = START + day * DAY_MS + 3 * 3_600_000;
      const target = now + Math.floor(random() * 15) * DAY_MS;
      const estimate = estimateReadiness(study.evidence(), { now: new Date(now), target: new Date(target), random: estimates, draws: options.draws ?? 1000 });
      const score = study.sitExam(target, random);
      predictions.push({
        passProbability: estimate.passProbability,
        low: estimate.range.low,
        high: estimate.range.high,
        expected: estimate.expected,
        score,
        passed: score >= EXAM.passingScore,
        answers: study.answered,
      });
    }
  }
  return summarise(predictions);
}

export function summarise(predictions: readonly Prediction[]): CalibrationReport {
  const n = Math.max(1, predictions.length);
  const passRate = predictions.filter((p) => p.passed).length / n;
  const brier = predictions.reduce((s, p) => s + (p.passProbability - (p.passed ? 1 : 0)) ** 2, 0) / n;
  const baselineBrier = predictions.reduce((s, p) => s + (passRate - (p.passed ? 1 : 0)) ** 2, 0) / n;
  const coverage = predictions.filter((p) => p.score >= p.low && p.score <= p.high).length / n;
  const meanWidth = predictions.reduce((s, p) => s + p.high - p.low, 0) / n;
  const meanError = predictions.reduce((s, p) => s + p.score - p.expected, 0) / n;
  const edges = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001];
  const reliability = edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1]!;
    const inBin = predictions.filter((p) => p.passProbability >= from && p.passProbability < to);
    const count = inBin.length;
    return {
      from,
      to: Math.min(1, to),
      count,
      meanPredicted: count ? inBin.reduce((s, p) => s + p.passProbability, 0) / count : 0,
      observedPassRate: count ? inBin.filter((p) => p.passed).length / count : 0,
    };
  });
  return { predictions: predictions.length, brier, baselineBrier, coverage, meanWidth, meanError, reliability };
}

export interface SchedulingOptions {
  readonly learners: number;
  readonly seed: number;
  readonly perDay: number;
  readonly maxDays: number;
  /** True chance of passing that counts as ready. */
  readonly readyAt?: number;
}

export interface StrategyResult {
  readonly strategy: Strategy;
  /** Median questions answered before the learner was ready (learners never ready count as beyond the end). */
  readonly medianAnswersToReady: number | null;
  /** Learners compared: not ready at the start, and able to get there. */
  readonly learners: number;
  readonly readyByEnd: number;
  /** Share of learners ready after each checkpoint of answered questions. */
  readonly readyAt: readonly { answered: number; share: number }[];
}

export interface SchedulingReport {
  readonly perDay: number;
  readonly maxDays: number;
  readonly results: readonly StrategyResult[];
  /** Learners ready with the tool's order, divided by those ready with random order (and with Leitner boxes), after the same number of questions. */
  readonly ratioRandom: number | null;
  readonly ratioLeitner: number | null;
}

/**
 * The same learners (same seed, same true abilities) study with three orders at the same number
 * of questions a day; "ready" is a true chance of passing of at least 80% on that day. Compared:
 * the learners not ready at the start who could be (knowing every question of the bank).
 */
export function simulateScheduling(options: SchedulingOptions): SchedulingReport {
  const readyAt = options.readyAt ?? 0.8;
  const strategies: Strategy[] = ['tool', 'random', 'leitner'];
  const bank = simulatedBank();
  const marks = [1, 2, 3, 4].map((k) => Math.round((k * options.perDay * options.maxDays) / 4));
  const results = strategies.map((strategy) => {
    const learnerRandom = seededRandom(options.seed);
    const toReady: number[] = [];
    const readyCounts = marks.map(() => 0);
    let eligible = 0;
    for (let n = 0; n < options.learners; n++) {
      const learner = makeLearner(learnerRandom);
      const study = new Study(bank, learner, seededRandom(options.seed * 7919 + n));
      // Only learners who are not ready yet and could be, knowing every question of the bank.
      if (study.truePass(START) >= readyAt || study.truePass(START, true) < readyAt) continue;
      eligible++;
      let ready: number | undefined;
      for (let day = 1; day <= options.maxDays; day++) {
        study.studyDay(strategy, day, options.perDay);
        const check = START + day * DAY_MS + 6 * 3_600_000;
        const isReady = study.truePass(check) >= readyAt;
        if (isReady && ready === undefined) ready = study.answered;
        marks.forEach((m, i) => {
          if (study.answered === m && isReady) readyCounts[i]!++;
        });
      }
      toReady.push(ready ?? Number.POSITIVE_INFINITY);
    }
    toReady.sort((a, b) => a - b);
    const median = toReady[Math.floor((toReady.length - 1) / 2)]!;
    return {
      strategy,
      medianAnswersToReady: Number.isFinite(median) ? median : null,
      learners: eligible,
      readyByEnd: toReady.filter(Number.isFinite).length / Math.max(1, eligible),
      readyAt: marks.map((answered, i) => ({ answered, share: readyCounts[i]! / Math.max(1, eligible) })),
    };
  });
  const readyShare = (s: Strategy) => results.find((r) => r.strategy === s)!.readyByEnd;
  const ratio = (s: Strategy) => (readyShare(s) > 0 ? readyShare('tool') / readyShare(s) : null);
  return { perDay: options.perDay, maxDays: options.maxDays, results, ratioRandom: ratio('random'), ratioLeitner: ratio('leitner') };
}
