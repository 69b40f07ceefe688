import { seededRandom } from '../engine/random.js';
import { estimateReadiness, MIN_DOMAIN_ANSWERS, READINESS_NOTE, type AnswerEvidence, type QuestionEvidence, type Readiness } from '../engine/readiness.js';
import { own } from './records.js';
import type { Prediction, Progress } from './schema.js';

/** The seed of the readiness estimate: fixed, so the same progress always shows the same figures. */
const READINESS_SEED = 1;

/**
 * The evidence the readiness model reads from the progress file: each answered question of the
 * banks with its answers and FSRS card. Answers older than the bounded history are known only by
 * count; they are placed at the oldest time known, wrong ones first (the first answer is the one
 * that counts fully, and nothing says it was right).
 */
export function questionEvidence(progress: Progress, questions: readonly { id: string; task: string }[]): QuestionEvidence[] {
  const taskOf = new Map(questions.map((q) => [q.id, q.task]));
  const history = new Map<string, AnswerEvidence[]>();
  for (const a of progress.history) {
    if (!taskOf.has(a.id)) continue;
    const list = history.get(a.id) ?? [];
    list.push({ at: new Date(a.at), correct: a.correct });
    history.set(a.id, list);
  }
  const out: QuestionEvidence[] = [];
  for (const [id, task] of taskOf) {
    const state = own(progress.questions, id);
    if (!state || state.attempts === 0) continue;
    const known = history.get(id) ?? [];
    const missing = Math.max(0, state.attempts - known.length);
    const rightKnown = known.filter((a) => a.correct).length;
    const missingRight = Math.max(0, Math.min(missing, state.attempts - state.wrong - rightKnown));
    const oldest = new Date(Math.min(new Date(state.lastAt).getTime(), ...known.map((a) => a.at.getTime())) - 1000);
    const earlier = Array.from({ length: missing }, (_, i): AnswerEvidence => ({ at: oldest, correct: i >= missing - missingRight }));
    out.push({ task, answers: [...earlier, ...known], card: state.card });
  }
  return out;
}

export interface ReadinessSummary {
  /** The day the estimate is for (YYYY-MM-DD): today, or the planned exam day. */
  readonly target: string;
  readonly answers: number;
  readonly expected: number;
  readonly range: { readonly low: number; readonly high: number };
  readonly passProbability: number;
  readonly enoughEvidence: boolean;
  readonly minimumAnswers: number;
  readonly domains: {
    readonly domain: number;
    readonly answers: number;
    readonly questions: number;
    readonly expectedShare: number;
    readonly shareRange: { readonly low: number; readonly high: number };
    readonly enoughEvidence: boolean;
  }[];
  readonly note: string;
}

/** The readiness estimate for an exam sat on `target` (default: now), seeded so it is stable. */
export function readinessOf(progress: Progress, questions: readonly { id: string; task: string }[], now: Date, target?: Date): Readiness {
  return estimateReadiness(questionEvidence(progress, questions), { now, ...(target && { target }), random: seededRandom(READINESS_SEED) });
}

/** The estimate as plain data, for `stats` and `stats --json`. */
export function summariseReadiness(r: Readiness): ReadinessSummary {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    target: r.target.toISOString().slice(0, 10),
    answers: r.answers,
    expected: r.expected,
    range: { ...r.range },
    passProbability: round(r.passProbability),
    enoughEvidence: r.enoughEvidence,
    minimumAnswers: MIN_DOMAIN_ANSWERS,
    domains: r.domains.map((d) => ({
      domain: d.domain,
      answers: d.answers,
      questions: d.questions,
      expectedShare: round(d.expectedShare),
      shareRange: { low: round(d.shareRange.low), high: round(d.shareRange.high) },
      enoughEvidence: d.enoughEvidence,
    })),
    note: READINESS_NOTE,
  };
}

/** The prediction recorded with a mock exam: what the model expected from the answers before it. */
export function predictionOf(progress: Progress, questions: readonly { id: string; task: string }[], now: Date): Prediction {
  const r = readinessOf(progress, questions, now);
  return { expected: r.expected, low: r.range.low, high: r.range.high, passProbability: Math.round(r.passProbability * 1000) / 1000 };
}
