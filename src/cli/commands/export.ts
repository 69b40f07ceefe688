import fs from 'node:fs';
import type { Question } from '../../bank/question.js';
import { UserError } from '../../errors.js';
import { keyOf } from '../../engine/grade.js';
import type { Progress } from '../../progress/schema.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { openStore } from '../store.js';
import { LETTERS } from '../text.js';

export type ExportFormat = 'csv' | 'anki';

/** The questions a learner keeps missing: latest answer wrong, or missed at least twice. */
export function missedQuestions(progress: Progress, questions: readonly Question[]): Question[] {
  return questions.filter((q) => {
    const s = progress.questions[q.id];
    return s !== undefined && (!s.lastCorrect || s.wrong >= 2);
  });
}

export async function exportMissed(options: BankOptions & { dataDir: string; format: ExportFormat; output?: string }): Promise<void> {
  const questions = await loadQuestions(options);
  const missed = missedQuestions(openStore(options.dataDir).load(), questions);
  const text = options.format === 'csv' ? toCsv(missed) : toAnki(missed);
  if (options.output) {
    try {
      fs.writeFileSync(options.output, text);
    } catch (error) {
      throw new UserError(`Cannot write ${options.output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    console.error(`Wrote ${missed.length} questions to ${options.output}.`);
  } else {
    process.stdout.write(text);
  }
}

/** The question as a learner would read it on paper: the stem, then the options or steps. */
export function front(q: Question): string {
  const lines = [q.scenario ? `${q.scenario.text}\n\n${q.stem}` : q.stem];
  if (q.type === 'single' || q.type === 'multiple') q.options.forEach((o, i) => lines.push(`${LETTERS[i]}) ${o.text}`));
  if (q.type === 'ordering') lines.push(`Steps: ${[...q.steps].sort().join(' | ')}`);
  if (q.type === 'matching') lines.push(`Match: ${q.pairs.map((p) => p.prompt).join(' | ')}`, `With: ${[...q.responses].sort().join(' | ')}`);
  return lines.join('\n');
}

export function answerText(q: Question): string {
  const key = keyOf(q);
  switch (key.type) {
    case 'single':
      return `${LETTERS[key.choice]}) ${(q.type === 'single' && q.options[key.choice]?.text) || ''}`;
    case 'multiple':
      return key.choices.map((i) => `${LETTERS[i]}) ${q.type === 'multiple' ? q.options[i]!.text : ''}`).join('; ');
    case 'ordering':
      return q.type === 'ordering' ? q.steps.map((s, i) => `${i + 1}. ${s}`).join(' ') : '';
    case 'matching':
      return q.type === 'matching' ? q.pairs.map((p) => `${p.prompt} → ${p.answer}`).join('; ') : '';
  }
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(questions: readonly Question[]): string {
  const rows = [['id', 'domain', 'task', 'question', 'answer', 'explanation', 'reference']];
  for (const q of questions) rows.push([q.id, String(q.domain), q.task, front(q), answerText(q), q.explanation, q.references.join(' ')]);
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function html(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\t/g, ' ').replace(/\r?\n/g, '<br>');
}

/** Anki's plain-text import: one note a line, tab-separated, with header lines saying so. */
export function toAnki(questions: readonly Question[]): string {
  const lines = ['#separator:tab', '#html:true', '#notetype:Basic', '#columns:Front\tBack\tTags', '#tags column:3'];
  for (const q of questions) {
    const back = `${html(answerText(q))}<br><br>${html(q.explanation)}<br><br>${q.references.map((r) => `<a href="${html(r)}">${html(r)}</a>`).join('<br>')}`;
    lines.push(`${html(front(q))}\t${back}\taif-quiz domain-${q.domain} task-${q.task.replace('.', '-')}`);
  }
  return `${lines.join('\n')}\n`;
}
