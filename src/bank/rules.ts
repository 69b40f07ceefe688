import { findTask, taskOfObjective } from './catalogue.js';
import type { ParsedBank } from './parse.js';
import type { Problem, PathSegment } from './problem.js';
import { formatPath } from './problem.js';
import type { BankFile } from './schema.js';
import { cueProblems, cueReport } from './cues.js';
import { announcedCount, comparableText, normaliseStem } from './text.js';

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
    // A bank that failed the schema is checked on the parts that passed it: indices map back to the file.
    const salvaged = parsed.salvaged;
    const scenarioIds = new Set<string>(salvaged?.scenarioIds ?? []);

    for (const [n, scenario] of (bank.scenarios ?? []).entries()) {
      const i = salvaged?.scenarioIndex[n] ?? n;
      const at = parsed.locate(['scenarios', i]);
      const earlier = firstSeen.get(scenario.id);
      if (earlier) add(['scenarios', i, 'id'], `scenario id "${scenario.id}" is already used at ${earlier.file}:${earlier.line}`);
      else firstSeen.set(scenario.id, { file, line: at.line });
      scenarioIds.add(scenario.id);
    }

    for (const [n, q] of bank.questions.entries()) {
      const i = salvaged?.questionIndex[n] ?? n;
      const at = (...rest: PathSegment[]) => ['questions', i, ...rest];
      const say = (path: PathSegment[], message: string) => add(path, `question ${q.id}: ${message}`);

      const earlier = firstSeen.get(q.id);
      if (earlier) say(at('id'), `id is already used at ${earlier.file}:${earlier.line}; ids must be unique across all banks`);
      else firstSeen.set(q.id, { file, line: parsed.locate(at()).line });

      const task = findTask(q.task);
      if (!task) say(at('task'), `task "${q.task}" does not exist in the exam guide`);
      else if (task.domain !== bank.domain) say(at('task'), `task ${q.task} belongs to domain ${task.domain}, but this file is domain ${bank.domain}`);
      if (q.objective !== undefined) {
        // With an unknown task, the task is the problem to report, not the objective.
        const owner = taskOfObjective(q.objective);
        if (task && !owner) say(at('objective'), `objective "${q.objective}" does not exist in the exam guide`);
        else if (task && owner !== q.task) say(at('objective'), `objective ${q.objective} belongs to task ${owner}, not ${q.task}`);
      } else if (strict) {
        say(at(), 'has no "objective" (required for shipped questions)');
      }
      if (strict && q.difficulty === undefined) say(at(), 'has no "difficulty" (required for shipped questions)');
      if (strict && q.reviewed === undefined) {
        say(at(), 'has no "reviewed" date (required for shipped questions: the day it was last checked against AWS documentation)');
      }
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
          break;
        }
        case 'ordering':
          duplicates(q.steps.map((step) => (typeof step === 'string' ? step : step.text))).forEach((j) => say(at('steps', j), 'repeats an earlier step'));
          if (strict) {
            q.steps.forEach((step, j) => {
              if (typeof step === 'string' || step.why === undefined) say(at('steps', j), 'this step has no "why" (write it as { text, why }: why it stands where it does)');
            });
          }
          break;
        case 'matching': {
          duplicates(q.pairs.map((p) => p.prompt)).forEach((j) => say(at('pairs', j, 'prompt'), 'repeats an earlier prompt'));
          if (strict) q.pairs.forEach((pair, j) => pair.why === undefined && say(at('pairs', j), 'this pair has no "why" explanation'));
          const answers = new Set(q.pairs.map((p) => comparableText(p.answer)));
          for (const [j, d] of (q.distractors ?? []).entries()) {
            if (answers.has(comparableText(d))) say(at('distractors', j), `"${d}" is also a correct answer; a distractor must match no prompt`);
          }
          break;
        }
      }
    }
    // Shares over a bank mean nothing on part of it: judged once the whole file passes the schema.
    if (strict && !salvaged) for (const message of cueProblems(cueReport(bank))) add(['questions'], message, true);
  }
  return problems;
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    // As a reader sees them: "Amazon S3" and "Ａｍａｚｏｎ S3" are the same option.
    const key = comparableText(v);
    if (seen.has(key)) return [i];
    seen.add(key);
    return [];
  });
}

function spell(n: number): string {
  return ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX'][n] ?? String(n);
}
