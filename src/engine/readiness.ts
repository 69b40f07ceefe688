import { DOMAINS } from '../bank/catalogue.js';
import { domainQuotas, EXAM, scaledEstimate } from './exam.js';
import type { Random } from './random.js';
import { retrievability, type CardState } from './schedule.js';

/**
 * Readiness you can trust: how the learner would score on the real exam on a target date, with
 * its uncertainty, from what the answers can support.
 *
 * 1. Per task statement, a Beta posterior of the chance of answering a NEW question of that task
 *    right. Each domain's chance starts from Beta(1, 1) ("unknown") and is updated by the answers
 *    in the domain; each task's prior is centred on its domain's with the weight of POOLING
 *    answers. So a domain with two answers stays about as uncertain as two answers leave it,
 *    and a task with none is as uncertain as its domain.
 * 2. Evidence is weighted: an answer counts 1/2 after HALF_LIFE_DAYS (14), 1/4 after twice that.
 *    The first answer to a question is the one given to a new question and counts fully; later
 *    answers to it count REPEAT_WEIGHT (0.075) each, because they measure memory of that question
 *    more than the task.
 * 3. Memory decay: a right answer counts as right as far as the question's FSRS retrievability at
 *    the target date says it is remembered; what is forgotten counts as right only at the
 *    learner's first-sight rate in the domain (the share of first answers that were right). So
 *    forgetting costs a strong learner less than a weak one, as it does: what they understood
 *    still answers new questions.
 * 4. Monte Carlo over the exam's own sampling: 50 scored questions by the domain weights, within a
 *    domain by task (in proportion to each task's objectives), scored with the scaled-score
 *    estimate. Each draw also shifts every task's log-odds by one normal draw of sd MODEL_SPREAD:
 *    the model's own error (how fast this learner forgets, how alike new questions are), which
 *    the posteriors alone leave out. From the draws: the expected score, the 10th-90th
 *    percentile range, P(score >= 700).
 * The constants were chosen with the simulation harness (src/engine/simulate.ts, `npm run
 * simulate`), whose learners forget and transfer in a way this model does not assume. Before,
 * with repeats at 1/4, right answers fading to wrong and no model error, the estimate ran 10-13
 * points high (36 on the day itself, from repeats answered from memory), strong learners ran
 * low, and the range held the simulated score 70% of the time; repeats at 0 ran 50 points low.
 * With the values below the estimate is within about 5 points on average, within about 15 at
 * every level of ability, and the range holds the score about 80% of the time.
 */

/** An answer counts half as much this many days later. */
export const HALF_LIFE_DAYS = 14;
/** A question's later answers weigh this much each: they measure memory of it more than the task. */
export const REPEAT_WEIGHT = 0.075;
/** Sd, on the log-odds scale, of the model's own error, drawn once per simulated exam. */
export const MODEL_SPREAD = 0.15;
/** The weight, in answers, of the domain's chance in each of its tasks' priors (0: tasks independent). */
export const POOLING = 4;
/** Fewer answers than this in a domain: "not enough evidence". */
export const MIN_DOMAIN_ANSWERS = 10;
/** The real exam scores 50 of its 65 questions. */
export const SCORED_QUESTIONS = 50;
/** Monte Carlo draws for one estimate: the percentiles move by a few points at most between seeds. */
export const DEFAULT_DRAWS = 4000;

export const READINESS_NOTE =
  'The range should hold your score 8 times in 10 if you sat the exam that day. Few or old answers widen it; what you may have forgotten by then lowers it.';

export interface AnswerEvidence {
  readonly at: Date;
  readonly correct: boolean;
}

/** What is known about one answered question: its task, its answers and its FSRS card. */
export interface QuestionEvidence {
  readonly task: string;
  readonly answers: readonly AnswerEvidence[];
  readonly card: CardState | undefined;
}

export interface TaskPosterior {
  readonly task: string;
  readonly domain: number;
  /** Weighted right and wrong answers, after recency and memory decay. */
  readonly right: number;
  readonly wrong: number;
  /** Answers given (unweighted). */
  readonly answers: number;
  /** Posterior mean chance of answering a new question of this task right. */
  readonly mean: number;
}

export interface Range {
  readonly low: number;
  readonly high: number;
}

export interface DomainReadiness {
  readonly domain: number;
  readonly answers: number;
  readonly questions: number;
  /** Expected share right on the domain's exam questions, and its 80% range. */
  readonly expectedShare: number;
  readonly shareRange: Range;
  readonly enoughEvidence: boolean;
}

export interface Readiness {
  readonly target: Date;
  readonly answers: number;
  /** Expected scaled score and its 80% range (10th to 90th percentile of the simulated exams). */
  readonly expected: number;
  readonly range: Range;
  readonly passProbability: number;
  readonly enoughEvidence: boolean;
  readonly domains: readonly DomainReadiness[];
  readonly tasks: ReadonlyMap<string, TaskPosterior>;
}

export interface ReadinessOptions {
  readonly now: Date;
  /** The day the exam is sat: retrievability is taken there. Defaults to now. */
  readonly target?: Date;
  readonly random: Random;
  readonly draws?: number;
  readonly halfLifeDays?: number;
  readonly pooling?: number;
  /**
   * Memory kept at least this well: for a projection in which the reviews keep every card at the
   * retention FSRS schedules for (0.9). 0 for an estimate of today's knowledge.
   */
  readonly retentionFloor?: number;
}

interface TaskInfo {
  readonly domain: number;
  readonly weight: number;
}

/** Every task statement with its domain and its share of the domain (by objectives). */
export const TASKS: ReadonlyMap<string, TaskInfo> = new Map(
  DOMAINS.flatMap((d) => {
    const total = d.tasks.reduce((n, t) => n + t.objectives, 0);
    return d.tasks.map((t) => [t.id, { domain: d.id, weight: t.objectives / total }] as const);
  }),
);

const DAY_MS = 86_400_000;

/** Weighted right and wrong evidence per task statement, with the raw answer counts. */
export function taskEvidence(
  questions: Iterable<QuestionEvidence>,
  now: Date,
  target: Date,
  halfLifeDays = HALF_LIFE_DAYS,
  repeatWeight = REPEAT_WEIGHT,
  retentionFloor = 0,
): Map<string, { right: number; wrong: number; answers: number; questions: number }> {
  const out = new Map<string, { right: number; wrong: number; answers: number; questions: number }>();
  for (const t of TASKS.keys()) out.set(t, { right: 0, wrong: 0, answers: 0, questions: 0 });
  const answered = [...questions]
    .filter((q) => TASKS.has(q.task) && q.answers.length > 0)
    .map((q) => ({ ...q, answers: [...q.answers].sort((a, b) => a.at.getTime() - b.at.getTime()) }));
  const firstSight = firstSightRates(answered);
  for (const q of answered) {
    const tally = out.get(q.task)!;
    const kept = q.card ? Math.max(retentionFloor, retrievability(q.card, target)) : 1;
    // What is forgotten falls back to what the learner gets right on first sight in the domain.
    const credit = kept + (1 - kept) * firstSight.get(TASKS.get(q.task)!.domain)!;
    q.answers.forEach((a, i) => {
      const weight = (i === 0 ? 1 : repeatWeight) * 0.5 ** (Math.max(0, now.getTime() - a.at.getTime()) / DAY_MS / halfLifeDays);
      const right = a.correct ? weight * credit : 0;
      tally.right += right;
      tally.wrong += weight - right;
    });
    tally.answers += q.answers.length;
    tally.questions += 1;
  }
  return out;
}

/** Per domain, the Beta(1, 1) posterior mean of first answers being right: the chance without memory of the question. */
function firstSightRates(questions: readonly QuestionEvidence[]): Map<number, number> {
  const right = new Map<number, number>();
  const all = new Map<number, number>();
  for (const q of questions) {
    const d = TASKS.get(q.task)!.domain;
    all.set(d, (all.get(d) ?? 0) + 1);
    if (q.answers[0]!.correct) right.set(d, (right.get(d) ?? 0) + 1);
  }
  return new Map(DOMAINS.map((d) => [d.id, (1 + (right.get(d.id) ?? 0)) / (2 + (all.get(d.id) ?? 0))]));
}

export function estimateReadiness(questions: Iterable<QuestionEvidence>, options: ReadinessOptions): Readiness {
  const target = options.target ?? options.now;
  const pooling = options.pooling ?? POOLING;
  const draws = options.draws ?? DEFAULT_DRAWS;
  const random = options.random;
  const evidence = taskEvidence(questions, options.now, target, options.halfLifeDays, REPEAT_WEIGHT, options.retentionFloor ?? 0);
  let answers = 0;
  for (const e of evidence.values()) answers += e.answers;
  const domainRight = new Map<number, number>();
  const domainWrong = new Map<number, number>();
  for (const [id, e] of evidence) {
    const d = TASKS.get(id)!.domain;
    domainRight.set(d, (domainRight.get(d) ?? 0) + e.right);
    domainWrong.set(d, (domainWrong.get(d) ?? 0) + e.wrong);
  }
  const domainMean = (d: number) => (1 + domainRight.get(d)!) / (2 + domainRight.get(d)! + domainWrong.get(d)!);

  const taskIds = [...TASKS.keys()];
  const tasks = new Map<string, TaskPosterior>();
  for (const id of taskIds) {
    const e = evidence.get(id)!;
    const info = TASKS.get(id)!;
    const mean =
      pooling > 0 ? (pooling * domainMean(info.domain) + e.right) / (pooling + e.right + e.wrong) : (1 + e.right) / (2 + e.right + e.wrong);
    tasks.set(id, { task: id, domain: info.domain, right: e.right, wrong: e.wrong, answers: e.answers, mean });
  }

  // Arrays rather than maps inside the loop: it runs draws x 64 times per estimate.
  const quotas = domainQuotas(SCORED_QUESTIONS);
  const index = new Map(taskIds.map((id, i) => [id, i]));
  const taskRight = taskIds.map((id) => evidence.get(id)!.right);
  const taskWrong = taskIds.map((id) => evidence.get(id)!.wrong);
  const domainTasks = DOMAINS.map((d) => ({
    id: d.id,
    right: domainRight.get(d.id)!,
    wrong: domainWrong.get(d.id)!,
    quota: quotas.get(d.id) ?? 0,
    tasks: d.tasks.map((t) => index.get(t.id)!),
    weights: d.tasks.map((t) => TASKS.get(t.id)!.weight),
  }));
  const scores: number[] = [];
  const shares = new Map<number, number[]>(DOMAINS.map((d) => [d.id, []]));
  const chance = new Float64Array(taskIds.length);
  for (let s = 0; s < draws; s++) {
    // Each domain from "unknown", Beta(1, 1), then its tasks around it: what you know is shared
    // within a domain, and a domain with few answers stays as uncertain as they leave it.
    for (const d of domainTasks) {
      const domain = pooling > 0 ? sampleBeta(1 + d.right, 1 + d.wrong, random) : 0;
      for (const t of d.tasks) {
        chance[t] =
          pooling > 0
            ? sampleBeta(pooling * domain + taskRight[t]!, pooling * (1 - domain) + taskWrong[t]!, random)
            : sampleBeta(1 + taskRight[t]!, 1 + taskWrong[t]!, random);
      }
    }
    const shift = MODEL_SPREAD * sampleNormal(random);
    for (let t = 0; t < chance.length; t++) chance[t] = shiftLogOdds(chance[t]!, shift);
    let correct = 0;
    for (const d of domainTasks) {
      let expectedShare = 0;
      for (let k = 0; k < d.tasks.length; k++) expectedShare += d.weights[k]! * chance[d.tasks[k]!]!;
      for (let i = 0; i < d.quota; i++) {
        let u = random();
        let k = 0;
        while (k < d.tasks.length - 1 && (u -= d.weights[k]!) >= 0) k++;
        if (random() < chance[d.tasks[k]!]!) correct++;
      }
      // The domain's own expected share in this draw, without the question-level noise.
      shares.get(d.id)!.push(expectedShare);
    }
    scores.push(scaledEstimate(correct, SCORED_QUESTIONS));
  }
  scores.sort((a, b) => a - b);

  const domains = DOMAINS.map((d) => {
    const inDomain = d.tasks.map((t) => evidence.get(t.id)!);
    const domainAnswers = inDomain.reduce((n, e) => n + e.answers, 0);
    const sample = shares.get(d.id)!.sort((a, b) => a - b);
    return {
      domain: d.id,
      answers: domainAnswers,
      questions: inDomain.reduce((n, e) => n + e.questions, 0),
      expectedShare: d.tasks.reduce((sum, t) => sum + TASKS.get(t.id)!.weight * tasks.get(t.id)!.mean, 0),
      shareRange: { low: quantile(sample, 0.1), high: quantile(sample, 0.9) },
      enoughEvidence: domainAnswers >= MIN_DOMAIN_ANSWERS,
    };
  });

  return {
    target,
    answers,
    expected: Math.round(scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)),
    range: { low: quantile(scores, 0.1), high: quantile(scores, 0.9) },
    passProbability: scores.filter((x) => x >= EXAM.passingScore).length / Math.max(1, scores.length),
    enoughEvidence: domains.every((d) => d.enoughEvidence),
    domains,
    tasks,
  };
}

/** A chance moved by `shift` on the log-odds scale (0 and 1 stay where they are). */
function shiftLogOdds(p: number, shift: number): number {
  if (p <= 0 || p >= 1) return p;
  return 1 / (1 + ((1 - p) / p) * Math.exp(-shift));
}

/** The q-quantile of sorted numbers (nearest rank below), 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
}

/** A standard normal draw (Box-Muller). */
export function sampleNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Gamma(shape, 1) draw: Marsaglia and Tsang, boosted for shapes below 1. */
export function sampleGamma(shape: number, random: Random): number {
  if (shape <= 0) return 0;
  if (shape < 1) return sampleGamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw; a degenerate side (0) gives 0 or 1. */
export function sampleBeta(a: number, b: number, random: Random): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}
