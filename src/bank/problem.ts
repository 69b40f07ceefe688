import { compareStrings } from './text.js';
/** One thing wrong with a bank, pinned to where it is so an author can go straight to it. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path such as `questions[3].options[1].text`; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function compareProblems(a: Problem, b: Problem): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}
