import fs from 'node:fs';
import path from 'node:path';
import { DOMAINS, findTask, LEGACY_OBJECTIVES, taskOfObjective } from './catalogue.js';
import type { Problem } from './problem.js';
import type { Question } from './question.js';
import { naturalCompare, unsafeTextReason } from './text.js';

/**
 * Study notes: one Markdown file per task statement beside its bank (`1-…/1.1.md`), one
 * section per exam objective. They are data like the banks, so they are parsed and checked with
 * the same care: a note that teaches something false is as bad as a wrong key.
 */

export interface ObjectiveNote {
  /** "1.1.3", or "v1.4-5.2.1" for the objective only guide v1.4 lists. */
  readonly objective: string;
  /** The objective's text as the heading gives it. */
  readonly title: string;
  /** Paragraphs and "- " list items, as written. */
  readonly body: string;
  readonly words: number;
  readonly references: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface TaskNotes {
  readonly task: string;
  readonly file: string;
  readonly title: string;
  readonly notes: readonly ObjectiveNote[];
}

export interface NotesResult {
  readonly files: readonly string[];
  /** Every note, keyed by objective id. */
  readonly byObjective: ReadonlyMap<string, ObjectiveNote>;
  readonly problems: readonly Problem[];
}

export const NOTE_WORDS = { min: 150, max: 400 } as const;

const TASK_HEADING = /^# Task (\d\.\d):\s*(.+)$/;
const SECTION_HEADING = /^## (\S+)\s+(.+)$/;
const REFERENCE = /^- (\S+)\s*$/;

/** The objectives of a task, in order, as their notes must appear. */
export function objectivesOf(task: string): string[] {
  const t = findTask(task);
  if (!t) return [];
  const ids = Array.from({ length: t.objectives }, (_, i) => `${task}.${i + 1}`);
  for (const [id, legacy] of Object.entries(LEGACY_OBJECTIVES)) if (legacy.task === task) ids.push(id);
  return ids;
}

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).length;
}

function isAwsPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'docs.aws.amazon.com' || u.hostname === 'aws.amazon.com');
  } catch {
    return false;
  }
}

/** Parse one task's notes; `strict` adds the rules for shipped notes. */
export function parseTaskNotes(file: string, source: string, strict: boolean): { notes?: TaskNotes; problems: Problem[] } {
  const problems: Problem[] = [];
  const say = (line: number, where: string, message: string) => problems.push({ file, line, column: 1, path: where, message });
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  lines.forEach((text, i) => {
    const reason = unsafeTextReason(text);
    if (reason) say(i + 1, '', `this line ${reason}`);
  });
  const expectedTask = path.basename(file, '.md');
  const first = lines.findIndex((l) => l.trim() !== '');
  const heading = first >= 0 ? TASK_HEADING.exec(lines[first]!) : null;
  if (!heading) {
    say(first + 1 || 1, '', `the first line must be "# Task ${expectedTask}: <the task's title>"`);
    return { problems };
  }
  const task = heading[1]!;
  if (task !== expectedTask) say(first + 1, '', `the heading names task ${task}, but the file is ${expectedTask}.md`);
  if (!findTask(task)) say(first + 1, '', `task "${task}" does not exist in the exam guide`);

  const sections: { objective: string; title: string; line: number; body: string[]; refs: { url: string; line: number }[] }[] = [];
  let inReferences = false;
  for (let i = first + 1; i < lines.length; i++) {
    const text = lines[i]!;
    const section = SECTION_HEADING.exec(text);
    if (section) {
      sections.push({ objective: section[1]!, title: section[2]!.trim(), line: i + 1, body: [], refs: [] });
      inReferences = false;
      continue;
    }
    const current = sections.at(-1);
    if (!current) {
      if (text.trim()) say(i + 1, '', 'text before the first "## <objective> <title>" section');
      continue;
    }
    if (/^References:\s*$/.test(text)) {
      inReferences = true;
      continue;
    }
    if (inReferences) {
      if (!text.trim()) continue;
      const ref = REFERENCE.exec(text);
      if (ref) current.refs.push({ url: ref[1]!, line: i + 1 });
      else say(i + 1, current.objective, 'after "References:" only "- https://…" lines may follow');
      continue;
    }
    current.body.push(text);
  }

  const expected = objectivesOf(task);
  const notes: ObjectiveNote[] = [];
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.objective)) say(s.line, s.objective, `objective ${s.objective} has a second section`);
    seen.add(s.objective);
    if (taskOfObjective(s.objective) !== task) say(s.line, s.objective, `"${s.objective}" is not an objective of task ${task}`);
    const body = s.body.join('\n').trim();
    const words = countWords(body);
    if (strict && (words < NOTE_WORDS.min || words > NOTE_WORDS.max)) {
      say(s.line, s.objective, `the note has ${words} words; write ${NOTE_WORDS.min} to ${NOTE_WORDS.max} (two minutes of reading)`);
    }
    if (/https?:\/\//.test(body)) say(s.line, s.objective, 'put URLs in the References list, not in the text');
    if (s.refs.length === 0) say(s.line, s.objective, 'the note has no "References:" list; cite at least one AWS page');
    for (const ref of s.refs) if (!isAwsPage(ref.url)) say(ref.line, s.objective, `"${ref.url}" is not an https:// AWS documentation page`);
    notes.push({ objective: s.objective, title: s.title, body, words, references: s.refs.map((r) => r.url), file, line: s.line });
  }
  if (strict) {
    const missing = expected.filter((id) => !seen.has(id));
    if (missing.length) say(first + 1, '', `no note for ${missing.length === 1 ? 'objective' : 'objectives'} ${missing.join(', ')}`);
    const order = sections.map((s) => s.objective).filter((id) => expected.includes(id));
    if (order.join() !== expected.filter((id) => seen.has(id)).join()) say(first + 1, '', `the sections must follow the objectives' order: ${expected.join(', ')}`);
  }
  return { notes: { task, file, title: heading[2]!.trim(), notes }, problems };
}

/** Every notes file of a bank folder: `<domain folder>/<task>.md`. */
export function findNotesFiles(folder: string): string[] {
  const files: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries.sort((a, b) => naturalCompare(a.name, b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    for (const name of fs.readdirSync(path.join(folder, entry.name)).sort(naturalCompare)) {
      if (/^\d\.\d\.md$/.test(name)) files.push(path.join(folder, entry.name, name));
    }
  }
  return files;
}

/** Read and check the notes of a bank folder. */
export function loadNotes(folder: string, strict = false): NotesResult {
  const files = findNotesFiles(folder);
  const problems: Problem[] = [];
  const byObjective = new Map<string, ObjectiveNote>();
  for (const file of files) {
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, line: 1, column: 1, path: '', message: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const parsed = parseTaskNotes(file, source, strict);
    problems.push(...parsed.problems);
    for (const note of parsed.notes?.notes ?? []) if (!byObjective.has(note.objective)) byObjective.set(note.objective, note);
  }
  return { files, byObjective, problems };
}

/**
 * The strict rules across notes and banks, for a folder that has notes: every objective of the
 * exam has one, and so does every question's objective.
 */
export function checkNotesCoverage(folder: string, notes: NotesResult, questions: readonly Question[]): Problem[] {
  if (notes.files.length === 0) return [];
  const problems: Problem[] = [];
  const have = new Set(notes.files.map((f) => path.basename(f, '.md')));
  for (const domain of DOMAINS) {
    for (const task of domain.tasks) {
      if (!have.has(task.id)) problems.push({ file: folder, line: 1, column: 1, path: '', message: `task ${task.id} has no notes file (${task.id}.md beside its bank)` });
    }
  }
  const reported = new Set<string>();
  for (const q of questions) {
    if (!q.objective || notes.byObjective.has(q.objective) || reported.has(q.objective)) continue;
    reported.add(q.objective);
    problems.push({ file: q.source.file, line: q.source.line, column: 5, path: '', message: `question ${q.id}: its objective ${q.objective} has no study note` });
  }
  return problems;
}

/** The notes problems of a validation run, for each folder among `targets` that has notes. */
export function notesCheck(targets: readonly string[], questions: readonly Question[], strict: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const target of targets) {
    let folder = false;
    try {
      folder = fs.statSync(target).isDirectory();
    } catch {
      continue;
    }
    if (!folder) continue;
    const notes = loadNotes(target, strict);
    problems.push(...notes.problems);
    if (strict) problems.push(...checkNotesCoverage(target, notes, questions));
  }
  return problems;
}
