import { describe, expect, it } from 'vitest';
import { checkNotesCoverage, loadNotes, notesCheck, parseTaskNotes } from '../../src/bank/notes.js';
import type { Question } from '../../src/bank/question.js';
import { tempDir, writeFile } from '../helpers.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** A complete, valid notes file for task 3.3 (three objectives). */
function notes33(body = words(160)): string {
  return [
    '# Task 3.3: Describe the training and fine-tuning process for foundation models',
    '',
    ...[1, 2, 3].flatMap((n) => [
      `## 3.3.${n} Objective ${n} of the task`,
      '',
      body,
      '',
      '- a list item',
      '',
      'References:',
      '- https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html',
      '',
    ]),
  ].join('\n');
}

describe('study notes', () => {
  it('parse into one note per objective, with words and references', () => {
    const { notes, problems } = parseTaskNotes('/x/3-fm/3.3.md', notes33(), true);
    expect(problems).toEqual([]);
    expect(notes!.notes.map((n) => n.objective)).toEqual(['3.3.1', '3.3.2', '3.3.3']);
    expect(notes!.notes[0]!.words).toBe(163);
    expect(notes!.notes[0]!.references).toEqual(['https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html']);
    expect(notes!.notes[0]!.line).toBe(3);
  });

  it('in strict mode, report a missing objective, a note too short or too long, and a non-AWS reference, by line', () => {
    const text = notes33()
      .replace(/## 3\.3\.2[\s\S]*?(?=## 3\.3\.3)/, '')
      .replace('- https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html\n\n## 3.3.3', '- https://example.com/blog\n\n## 3.3.3');
    const short = text.replace(/(## 3\.3\.3 [^\n]*\n\n)word0[^\n]*/, `$1${words(20)}`);
    const messages = parseTaskNotes('/x/3-fm/3.3.md', short, true).problems.map((p) => `${p.line} ${p.path} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^1  no note for objective 3\.3\.2$/),
      expect.stringMatching(/3\.3\.1 "https:\/\/example\.com\/blog" is not an https:\/\/ AWS documentation page/),
      expect.stringMatching(/3\.3\.3 the note has 23 words; write 150 to 400/),
    ]));
  });

  it('reject escape sequences and a heading for another task', () => {
    const messages = parseTaskNotes('/x/3-fm/3.3.md', notes33().replace('Task 3.3', 'Task 3.4').replace('word5 ', 'word5 \u001b[2J '), false)
      .problems.map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'the heading names task 3.4, but the file is 3.3.md',
      expect.stringMatching(/terminal escape sequence/),
    ]));
  });

  it('are found beside the banks and cover every question objective when a folder has notes', () => {
    const dir = tempDir();
    writeFile(dir, '3-fm/3.3.md', notes33());
    const loaded = loadNotes(dir, true);
    expect(loaded.problems).toEqual([]);
    expect([...loaded.byObjective.keys()]).toEqual(['3.3.1', '3.3.2', '3.3.3']);
    const q = { id: 'q-1', objective: '3.1.2', source: { file: 'b.yaml', line: 4 } } as Question;
    const coverage = checkNotesCoverage(dir, loaded, [q]).map((p) => p.message);
    expect(coverage).toContain('task 1.1 has no notes file (1.1.md beside its bank)');
    expect(coverage).toContain('question q-1: its objective 3.1.2 has no study note');
    // A folder without notes is not asked for them.
    expect(notesCheck([tempDir()], [q], true)).toEqual([]);
  });
});

describe('validate with study notes', () => {
  it('the shipped notes pass the strict rules and cover every objective and every question', async () => {
    const { loadBanks } = await import('../../src/bank/load.js');
    const { shippedBanksDir } = await import('../../src/paths.js');
    const banks = loadBanks([shippedBanksDir()]);
    const notes = loadNotes(shippedBanksDir(), true);
    expect(notes.problems).toEqual([]);
    expect(notes.byObjective.size).toBe(70);
    expect(checkNotesCoverage(shippedBanksDir(), notes, banks.questions)).toEqual([]);
  });
});
