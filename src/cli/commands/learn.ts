import chalk from 'chalk';
import { DOMAINS, findTask, LEGACY_OBJECTIVES, taskOfObjective } from '../../bank/catalogue.js';
import { objectivesOf, type ObjectiveNote } from '../../bank/notes.js';
import type { Question } from '../../bank/question.js';
import { UsageError } from '../../errors.js';
import { isMastered } from '../../progress/derive.js';
import type { Progress } from '../../progress/schema.js';
import { loadQuestions, studyNotes, type BankOptions } from '../banks.js';
import { escapeText, safeJson } from '../escape.js';
import { BACK, listScreen, menu, QUIT } from '../prompts.js';
import { openStore } from '../store.js';
import { terminalWidth } from '../terminal.js';
import { renderNote } from '../note-view.js';
import { hang, plural } from '../text.js';
import type { Outcome } from './practice.js';

export interface LearnOptions extends BankOptions {
  readonly json?: boolean;
  readonly dataDir: string;
  /** Run from the start menu: Esc at the first menu goes back to it. */
  readonly inMenu?: boolean;
}

/** One objective as `learn` lists it: its note (if written) and the learner's standing on it. */
interface ObjectiveEntry {
  readonly objective: string;
  readonly task: string;
  readonly domain: number;
  readonly note?: ObjectiveNote;
  readonly questions: number;
  readonly seen: number;
  readonly right: number;
  readonly mastered: number;
}

/** A question's saved state; own keys only, so an id such as "constructor" is just an id. */
function stateOf(progress: Progress, id: string): Progress['questions'][string] | undefined {
  return Object.hasOwn(progress.questions, id) ? progress.questions[id] : undefined;
}

function entries(questions: readonly Question[], progress: Progress | undefined, notes: ReadonlyMap<string, ObjectiveNote>): ObjectiveEntry[] {
  return DOMAINS.flatMap((d) =>
    d.tasks.flatMap((t) =>
      objectivesOf(t.id).map((objective) => {
        const pool = questions.filter((q) => q.objective === objective);
        const seen = progress ? pool.filter((q) => stateOf(progress, q.id)) : [];
        return {
          objective,
          task: t.id,
          domain: d.id,
          ...(notes.get(objective) && { note: notes.get(objective)! }),
          questions: pool.length,
          seen: seen.length,
          right: seen.filter((q) => stateOf(progress!, q.id)!.lastCorrect).length,
          mastered: progress ? pool.filter((q) => isMastered(progress, q.id)).length : 0,
        };
      }),
    ),
  );
}

function standing(e: ObjectiveEntry): string {
  if (e.questions === 0) return 'no questions';
  if (e.seen === 0) return `${plural(e.questions, 'question')}, none answered`;
  return `${e.right}/${e.seen} right · ${e.mastered}/${e.questions} mastered`;
}

function titleOf(objective: string, note?: ObjectiveNote): string {
  return note?.title ?? LEGACY_OBJECTIVES[objective]?.title ?? `Objective ${objective}`;
}

/** `aif-quiz learn [task-or-objective]`: the study notes, with the learner's mastery beside each. */
export async function learn(target: string | undefined, options: LearnOptions): Promise<Outcome> {
  if (target !== undefined && !findTask(target) && !taskOfObjective(target)) {
    throw new UsageError(`"${escapeText(target)}" is not a task statement or an objective.`, 'Give a task such as 2.1 or an objective such as 2.1.3, or nothing for the menu.');
  }
  const questions = await loadQuestions(options);
  const store = openStore(options.dataDir);
  const progress: Progress | undefined = store.load();
  const all = entries(questions, progress, studyNotes(options));
  const chosen = target === undefined ? all : all.filter((e) => e.objective === target || e.task === target);

  if (options.json) {
    console.log(safeJson({
      objectives: chosen.map((e) => ({
        objective: e.objective, task: e.task, domain: e.domain, title: titleOf(e.objective, e.note),
        words: e.note?.words ?? 0, references: e.note?.references ?? [], questions: e.questions,
        answered: e.seen, right: e.right, mastered: e.mastered,
      })),
    }, 2));
    return 'done';
  }

  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (!interactive || (target !== undefined && !interactive)) {
    printPlain(chosen, target !== undefined);
    return 'done';
  }
  if (target !== undefined && taskOfObjective(target) && !findTask(target)) {
    return showNote(all.find((e) => e.objective === target)!, options);
  }
  return browse(all, options, target);
}

/** Piped or redirected: plain text, every note in full when one was asked for, else the list. */
function printPlain(chosen: readonly ObjectiveEntry[], full: boolean): void {
  const width = terminalWidth();
  for (const e of chosen) {
    if (full && e.note) {
      console.log(renderNote(e.note, width).join('\n') + '\n');
    } else {
      console.log(hang(`${e.objective}  `, `${escapeText(titleOf(e.objective, e.note))} (${e.note ? `${e.note.words} words` : 'no note yet'}; ${standing(e)})`, width));
    }
  }
}

async function browse(all: readonly ObjectiveEntry[], options: LearnOptions, start?: string): Promise<Outcome> {
  let domain: number | undefined = start ? findTask(start)?.domain : undefined;
  let task: string | undefined = start;
  for (;;) {
    if (domain === undefined) {
      const picked = await menu('Study notes: which domain?', DOMAINS.map((d) => ({ name: `Domain ${d.id}: ${d.title}`, value: d.id })), { back: options.inMenu ?? false });
      if (picked === QUIT) return 'quit';
      if (picked === BACK) return 'back';
      domain = picked;
    }
    if (task === undefined) {
      const d = DOMAINS.find((x) => x.id === domain)!;
      const picked = await menu(`Domain ${d.id}: which task?`, d.tasks.map((t) => ({ name: `${t.id}  ${t.title}`, value: t.id })), { back: true });
      if (picked === QUIT) return 'quit';
      if (picked === BACK) {
        domain = undefined;
        continue;
      }
      task = picked;
    }
    const here = all.filter((e) => e.task === task);
    const picked = await menu(`Task ${task}: which objective?`, here.map((e) => ({ name: `${e.objective}  ${titleOf(e.objective, e.note)} · ${standing(e)}`, value: e.objective })), { back: true });
    if (picked === QUIT) return 'quit';
    if (picked === BACK) {
      task = undefined;
      continue;
    }
    const outcome = await showNote(here.find((e) => e.objective === picked)!, options);
    if (outcome === 'quit') return 'quit';
  }
}

/** One note, paged inside the screen; at its end, practise the objective now. */
async function showNote(entry: ObjectiveEntry, options: LearnOptions): Promise<Outcome> {
  const practise = entry.questions > 0;
  const result = await listScreen<'practise' | 'back'>({
    content: (w) => (entry.note ? [...renderNote(entry.note, w), ''] : [hang('', `There is no study note for objective ${entry.objective} in these banks yet.`, w), '']),
    choices: [
      ...(practise ? [{ label: () => [`Practise objective ${entry.objective} now (${plural(entry.questions, 'question')})`], value: 'practise' as const }] : []),
      { label: () => ['← Back'], value: 'back' as const },
    ],
    keys: [{ name: 'back', keys: ['escape'] }, { name: 'quit', keys: ['q'] }],
    hints: [{ key: '↑↓ PgUp PgDn', label: 'scroll' }, { key: '⏎', label: 'choose' }, { key: 'esc', label: 'back' }, { key: 'q', label: 'quit' }],
  });
  if (result.kind === 'key') return result.name === 'quit' ? 'quit' : 'back';
  if (result.kind === 'choice' && result.value === 'practise') {
    const { practice } = await import('./practice.js');
    return practice({ ...options, task: entry.task, objective: entry.objective, count: Math.min(entry.questions, 10), inMenu: true });
  }
  return 'back';
}
