import { findTask, taskOfObjective } from './catalogue.js';
import type { ParsedBank } from './parse.js';
import type { Problem, PathSegment } from './problem.js';
import { formatPath } from './problem.js';
import type { BankFile } from './schema.js';
import { announcedCount, normaliseStem } from './text.js';

/** The share of single-answer questions in a bank whose key may be its unique longest option. */
export const MAX_LONGEST_KEY_SHARE = 0.3;

type Checked = ParsedBank & { readonly bank: BankFile };

/**
 * Rules that need the exam catalogue or more than one field: they run after the schema, on every
 * file that passed it, so that one pass reports every problem in every file.
 */
export function checkRules(banks: readonly Checked[], strict: boolean): Problem[] {
  const problems: Problem[] = [];
  const firstSeen = new Map<string, { file: string; line: number }>();
  const stems = new Map<string, { file: string; line: number; id: string }>();

  for (const parsed of banks) {
    const { bank, file } = parsed;
    const add = (path: PathSegment[], message: string, onKey = false) =>
      problems.push({ file, ...parsed.locate(path, onKey), path: formatPath(path), message });
    const scenarioIds = new Set<string>();

    for (const [i, scenario] of (bank.scenarios ?? []).entries()) {
      const at = parsed.locate(['scenarios', i]);
      const earlier = firstSeen.get(scenario.id);
      if (earlier) add(['scenarios', i, 'id'], `scenario id "${scenario.id}" is already used at ${earlier.file}:${earlier.line}`);
      else firstSeen.set(scenario.id, { file, line: at.line });
      scenarioIds.add(scenario.id);
    }

    let singles = 0;
    let longestKeys = 0;
    for (const [i, q] of bank.questions.entries()) {
      const at = (...rest: PathSegment[]) => ['questions', i, ...rest];
      const say = (path: PathSegment[], message: string) => add(path, `question ${q.id}: ${message}`);

      const earlier = firstSeen.get(q.id);
      if (earlier) say(at('id'), `id is already used at ${earlier.file}:${earlier.line}; ids must be unique across all banks`);
      else firstSeen.set(q.id, { file, line: parsed.locate(at()).line });

      const task = findTask(q.task);
      if (!task) say(at('task'), `task "${q.task}" does not exist in the exam guide`);
      else if (task.domain !== bank.domain) say(at('task'), `task ${q.task} belongs to domain ${task.domain}, but this file is domain ${bank.domain}`);
      if (q.objective !== undefined && task) {
        const owner = taskOfObjective(q.objective);
        if (!owner) say(at('objective'), `objective "${q.objective}" does not exist in the exam guide`);
        else if (owner !== q.task) say(at('objective'), `objective ${q.objective} belongs to task ${owner}, not ${q.task}`);
      } else if (strict) {
        say(at(), 'has no "objective" (required for shipped questions)');
      }
      if (strict && q.difficulty === undefined) say(at(), 'has no "difficulty" (required for shipped questions)');
      if (q.scenario !== undefined && !scenarioIds.has(q.scenario)) {
        say(at('scenario'), `scenario "${q.scenario}" is not defined in this file's "scenarios"`);
      }

      const normal = normaliseStem(q.stem);
      const sameStem = stems.get(normal);
      if (strict && sameStem) say(at('stem'), `has the same stem as question ${sameStem.id} (${sameStem.file}:${sameStem.line})`);
      else stems.set(normal, { file, line: parsed.locate(at()).line, id: q.id });

      switch (q.type) {
        case 'single':
        case 'multiple': {
          const correct = q.options.filter((o) => o.correct).length;
          if (q.type === 'single' && correct !== 1) say(at('options'), `a single-answer question needs exactly 1 correct option, found ${correct}`);
          if (q.type === 'multiple') {
            if (correct < 2) say(at('options'), `a multiple-response question needs at least 2 correct options, found ${correct}`);
            const announced = announcedCount(q.stem);
            if (announced === undefined) say(at('stem'), `the stem must say how many to pick, e.g. "(Select ${spell(correct)}.)"`);
            else if (announced !== correct) say(at('stem'), `the stem says select ${spell(announced)}, but ${correct} options are marked correct`);
          }
          duplicates(q.options.map((o) => o.text)).forEach((j) => say(at('options', j, 'text'), 'repeats the text of an earlier option'));
          for (const [j, option] of q.options.entries()) {
            if (strict && option.why === undefined) say(at('options', j), 'this option has no "why" explanation');
            if (strict && /\b(all|none|both) of (the )?(above|these|them)\b/i.test(option.text)) {
              say(at('options', j, 'text'), '"all/none/both of the above" options are not allowed; write a real option');
            }
          }
          if (q.type === 'single') {
            singles++;
            const lengths = q.options.map((o) => o.text.length);
            const longest = Math.max(...lengths);
            const key = q.options.findIndex((o) => o.correct);
            if (key >= 0 && lengths[key] === longest && lengths.filter((l) => l === longest).length === 1) longestKeys++;
          }
          break;
        }
        case 'ordering':
          duplicates(q.steps).forEach((j) => say(at('steps', j), 'repeats an earlier step'));
          break;
        case 'matching': {
          duplicates(q.pairs.map((p) => p.prompt)).forEach((j) => say(at('pairs', j, 'prompt'), 'repeats an earlier prompt'));
          const answers = new Set(q.pairs.map((p) => p.answer));
          for (const [j, d] of (q.distractors ?? []).entries()) {
            if (answers.has(d)) say(at('distractors', j), `"${d}" is also a correct answer; a distractor must match no prompt`);
          }
          break;
        }
      }
    }
    if (strict && singles > 0 && longestKeys / singles > MAX_LONGEST_KEY_SHARE) {
      add(['questions'], `the correct option is the unique longest in ${longestKeys} of ${singles} single-answer questions ` +
        `(${Math.round((100 * longestKeys) / singles)}%, at most ${MAX_LONGEST_KEY_SHARE * 100}% allowed): ` +
        'learners learn to pick the longest option; lengthen the distractors or shorten the keys', true);
    }
  }
  return problems;
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    const key = v.trim().toLowerCase();
    if (seen.has(key)) return [i];
    seen.add(key);
    return [];
  });
}

function spell(n: number): string {
  return ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX'][n] ?? String(n);
}
