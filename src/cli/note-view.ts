import chalk from 'chalk';
import type { ObjectiveNote } from '../bank/notes.js';
import { escapeText } from './escape.js';
import { listScreen } from './prompts.js';
import { renderReferences } from './render.js';
import { hang, wrap } from './text.js';

/** The study note of an objective, ready to print: heading, paragraphs and lists, references. */
export function renderNote(note: ObjectiveNote, width: number): string[] {
  const out = [chalk.bold(hang(`${note.objective}  `, escapeText(note.title), width)), ''];
  // Notes mark key terms **bold**: bold on a terminal, plain words when piped or without colour.
  const body = escapeText(note.body).replace(/\*\*(.+?)\*\*/g, (_, term: string) => chalk.bold(term));
  out.push(...wrap(body, width).split('\n'));
  // The same layout as a question's references: one a line, never broken by the program.
  out.push('', ...renderReferences(note.references, width).split('\n'));
  return out;
}

/** A note paged inside the screen, from a question's feedback: any of ⏎, Esc or n goes back. */
export async function showNoteScreen(note: ObjectiveNote): Promise<void> {
  await listScreen<never>({
    content: (w) => renderNote(note, w),
    choices: [],
    keys: [{ name: 'back', keys: ['escape', 'enter', 'n', 'q'] }],
    hints: [{ key: '↑↓ PgUp PgDn', label: 'scroll' }, { key: 'esc', label: 'back to the question' }],
  });
}
