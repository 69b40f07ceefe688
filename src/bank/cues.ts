import type { BankFile } from './schema.js';

/**
 * Test-wise learners pick by form when they cannot pick by knowledge: "never the longest",
 * "the two longest in a Select TWO". These measures let the strict validator keep such cues at
 * the level of chance in every bank. Lengths are in characters of the option text.
 */

type Options = readonly { readonly text: string; readonly correct?: boolean }[];

/**
 * The key's length rank among the options of a single-answer question: 1 when no option is
 * longer than the key, 4 when every other option is longer. Ties share the better rank.
 */
export function keyLengthRank(options: Options): number {
  const key = options.find((o) => o.correct);
  if (!key) return 0;
  return 1 + options.filter((o) => o.text.length > key.text.length).length;
}

/** True when the correct options of a multiple-response question are exactly its longest ones. */
export function keyIsLongestSet(options: Options): boolean {
  const keys = options.filter((o) => o.correct).map((o) => o.text.length);
  const others = options.filter((o) => !o.correct).map((o) => o.text.length);
  return keys.length > 0 && others.length > 0 && Math.min(...keys) > Math.max(...others);
}

/** Each key length rank must hold between these shares of a bank's single-answer questions. */
export const RANK_SHARE = { min: 0.15, max: 0.35 } as const;
/** At most this share of a bank's multiple-response questions may have the longest options as key. */
export const MAX_LONGEST_SET_SHARE = 0.15;

export interface CueReport {
  readonly singles: number;
  /** How many single-answer questions have their key at length rank 1, 2, 3 and 4. */
  readonly ranks: readonly [number, number, number, number];
  /** The allowed count per rank, inclusive. */
  readonly rankBounds: { readonly min: number; readonly max: number };
  readonly multiples: number;
  readonly longestSets: number;
  readonly longestSetMax: number;
}

export function cueReport(bank: Pick<BankFile, 'questions'>): CueReport {
  const ranks: [number, number, number, number] = [0, 0, 0, 0];
  let singles = 0;
  let multiples = 0;
  let longestSets = 0;
  for (const q of bank.questions) {
    if (q.type === 'single') {
      singles++;
      const rank = keyLengthRank(q.options);
      if (rank >= 1) ranks[rank - 1]!++;
    } else if (q.type === 'multiple') {
      multiples++;
      if (keyIsLongestSet(q.options)) longestSets++;
    }
  }
  return {
    singles,
    ranks,
    // Rounded outwards, so that a small bank is not asked for a share it cannot hit exactly.
    rankBounds: { min: Math.floor(RANK_SHARE.min * singles), max: Math.ceil(RANK_SHARE.max * singles) },
    multiples,
    longestSets,
    longestSetMax: Math.max(1, Math.floor(MAX_LONGEST_SET_SHARE * multiples)),
  };
}

/** Sentences describing each cue over its limit in this bank; empty when the bank is fair. */
export function cueProblems(report: CueReport): string[] {
  const out: string[] = [];
  const { min, max } = report.rankBounds;
  const names = ['the longest', 'the 2nd longest', 'the 3rd longest', 'the shortest'];
  if (report.singles >= 8) {
    report.ranks.forEach((count, i) => {
      if (count < min || count > max) {
        out.push(
          `the correct option is ${names[i]} in ${count} of ${report.singles} single-answer questions ` +
            `(allowed ${min}-${max}, ${RANK_SHARE.min * 100}-${RANK_SHARE.max * 100}%; ranks now ${report.ranks.join('/')}): ` +
            'learners learn to pick by length; rewrite options so the key\'s length rank is spread evenly',
        );
      }
    });
  }
  if (report.longestSets > report.longestSetMax) {
    out.push(
      `the correct options are exactly the longest ones in ${report.longestSets} of ${report.multiples} multiple-response ` +
        `questions (at most ${report.longestSetMax}, ${MAX_LONGEST_SET_SHARE * 100}%): rewrite options so length gives nothing away`,
    );
  }
  return out;
}

/**
 * Words that make a statement easy to reject without knowing the subject. A distractor that has
 * one while the key has none can be eliminated by form alone.
 */
const ABSOLUTE = /\b(always|never|guarantee[sd]?|guaranteeing|only|any|ignores?|ignored|completely|entirely|eliminates?|impossible)\b/i;

/** Words too common to count as a stem's distinctive vocabulary. */
const COMMON = new Set(
  ('which would should could about their there these those other using based model models data service services ' +
    'amazon company wants needs without within between during before after where while solution requirements ' +
    'application customer customers aws learning machine generative through answer select').split(' '),
);

function distinctiveWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z][a-z-]{5,}/g) ?? []).filter((w) => !COMMON.has(w)));
}

export interface CueWarning {
  readonly id: string;
  readonly message: string;
}

/**
 * Heuristic cue checks for one choice question, reported as warnings for a person to judge:
 * distractors worded in absolutes the key lacks, and a key that alone echoes the stem's words.
 */
export function cueWarnings(q: { id: string; stem: string; options: Options }): CueWarning[] {
  const out: CueWarning[] = [];
  const keys = q.options.filter((o) => o.correct);
  const others = q.options.filter((o) => !o.correct);
  if (keys.length === 0 || others.length === 0) return out;
  const keyAbsolute = keys.some((o) => ABSOLUTE.test(o.text));
  const absolute = others.filter((o) => ABSOLUTE.test(o.text));
  if (!keyAbsolute && absolute.length > 0) {
    const words = absolute.map((o) => ABSOLUTE.exec(o.text)![1]!.toLowerCase());
    out.push({ id: q.id, message: `${absolute.length} wrong ${absolute.length === 1 ? 'option is' : 'options are'} worded in absolutes the key lacks (${[...new Set(words)].join(', ')}): the key can be found by elimination` });
  }
  const stem = distinctiveWords(q.stem);
  const echoed = (text: string) => [...distinctiveWords(text)].filter((w) => stem.has(w));
  const keyEcho = new Set(keys.flatMap((o) => echoed(o.text)));
  const otherEcho = new Set(others.flatMap((o) => echoed(o.text)));
  const onlyKey = [...keyEcho].filter((w) => !otherEcho.has(w));
  if (onlyKey.length > 0 && otherEcho.size === 0) {
    out.push({ id: q.id, message: `only the key repeats the stem's words (${onlyKey.slice(0, 3).join(', ')}): a learner can match words instead of knowing` });
  }
  return out;
}
