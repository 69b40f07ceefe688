import fs from 'node:fs';
import path from 'node:path';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { seededRandom } from '../../src/engine/random.js';
import { selectQuestions } from '../../src/engine/select.js';
import { applyAttempt } from '../../src/progress/apply.js';
import { BookmarkStore } from '../../src/progress/bookmarks.js';
import { amendConfidence } from '../../src/progress/confidence.js';
import { ReportStore } from '../../src/progress/reports.js';
import { emptyProgress, type Attempt } from '../../src/progress/schema.js';
import { commandName } from '../../src/cli/invocation.js';
import { listScreen, type ListScreenConfig } from '../../src/cli/prompts.js';
import { canOpenBrowser, hyperlink, supportsHyperlinks } from '../../src/cli/reference.js';
import { keyBar, scrollToShow, viewport } from '../../src/cli/screen.js';
import { MINI_BANK, tempDir } from '../helpers.js';

const questions = loadBanks([MINI_BANK]).questions as Question[];
const single = questions.find((q) => q.type === 'single')!;
const many: Question[] = Array.from({ length: 30 }, (_, i) => ({ ...single, id: `q${i}` }));

describe('a --seed session', () => {
  it('gives the same questions in the same order whatever was seen before', () => {
    const run = (seen: Set<string>) => selectQuestions(many, { filter: {}, count: 8, seen, random: seededRandom(42), seeded: true }).map((q) => q.id);
    const fresh = run(new Set());
    expect(run(new Set(fresh))).toEqual(fresh);
    expect(run(new Set(many.slice(0, 20).map((q) => q.id)))).toEqual(fresh);
  });

  it('leaves unseen-first as it was without a seed', () => {
    const seen = new Set(many.slice(0, 25).map((q) => q.id));
    const ids = selectQuestions(many, { filter: {}, count: 5, seen, random: seededRandom(3) }).map((q) => q.id);
    expect(ids.sort()).toEqual(['q25', 'q26', 'q27', 'q28', 'q29']);
  });

  it('keeps to the bookmarked questions when asked', () => {
    const only = new Set(['q3', 'q9']);
    const ids = selectQuestions(many, { filter: {}, count: 10, seen: new Set(), random: seededRandom(1), only }).map((q) => q.id);
    expect(ids.sort()).toEqual(['q3', 'q9']);
  });
});

describe('a confidence given after the answer was saved', () => {
  const at = '2026-12-02T10:00:00.000Z';
  const attempt: Attempt = { id: single.id, at, answer: { type: 'single', choice: 0 }, correct: true, seconds: 12, mode: 'practice' };
  const earlier = applyAttempt(emptyProgress(), { ...attempt, at: '2026-11-20T10:00:00.000Z' }, single);

  it('ends exactly as if it had come with the answer', () => {
    const before = earlier.questions[single.id];
    const saved = applyAttempt(earlier, attempt, single);
    for (const confidence of ['sure', 'unsure', 'guessed'] as const) {
      const amended = amendConfidence(saved, attempt, confidence, before, single);
      expect(amended).toEqual(applyAttempt(earlier, { ...attempt, confidence }, single));
    }
  });

  it('schedules an unsure right answer sooner than the saved one', () => {
    const saved = applyAttempt(emptyProgress(), attempt, single);
    const unsure = amendConfidence(saved, attempt, 'unsure', undefined, single);
    expect(unsure.questions[single.id]!.card.due < saved.questions[single.id]!.card.due).toBe(true);
    expect(unsure.history).toHaveLength(1);
    expect(unsure.history[0]!.confidence).toBe('unsure');
  });

  it('keeps a later answer’s schedule and changes nothing for an attempt it cannot find', () => {
    const saved = applyAttempt(emptyProgress(), attempt, single);
    const later = applyAttempt(saved, { ...attempt, at: '2026-12-03T10:00:00.000Z', correct: false }, single);
    const amended = amendConfidence(later, attempt, 'guessed', undefined, single);
    expect(amended.questions).toEqual(later.questions);
    expect(amended.calibration.guessed).toEqual({ answered: 1, correct: 1 });
    expect(amendConfidence(later, { ...attempt, at: '2026-01-01T00:00:00.000Z' }, 'sure', undefined, single)).toBe(later);
  });
});

describe('bookmarks and problem reports', () => {
  it('toggles a bookmark and keeps the file readable', () => {
    const dir = tempDir();
    const marks = new BookmarkStore(dir);
    expect(marks.toggle('valueOf')).toBe(true);
    expect(marks.toggle('q1')).toBe(true);
    expect([...marks.ids()]).toEqual(['valueOf', 'q1']);
    expect(marks.toggle('valueOf')).toBe(false);
    expect([...new BookmarkStore(dir).ids()]).toEqual(['q1']);
  });

  it('never overwrites a file it cannot read', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'reports.json'), '{ not json');
    const reports = new ReportStore(dir);
    const report = { at: '2026-12-02T10:00:00.000Z', id: 'q1', bank: { version: '0.1.0', hash: 'abc', file: 'x.yaml', line: 3 }, note: 'n' };
    expect(() => reports.add(report)).toThrow(/cannot be used/);
    expect(fs.readFileSync(path.join(dir, 'reports.json'), 'utf8')).toBe('{ not json');
  });
});

describe('screen layout', () => {
  it('packs the key bar without splitting an entry, within the width', () => {
    const hints = ['sure', 'unsure', 'guessed', 'next', 'open reference', 'bookmark', 'report a problem', 'end'].map((label, i) => ({ key: 'sugxobrq'[i]!, label }));
    for (const width of [40, 60, 80]) {
      const lines = keyBar(hints, width);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines.join(' · ').split(' · ')).toEqual(hints.map((h) => `${h.key} ${h.label}`));
    }
  });

  it('shows a window of long content with a line saying what is above and below', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const view = viewport(lines, 10, 20);
    expect(view.lines).toHaveLength(20);
    expect(view.lines[0]).toBe('line 10');
    expect(view.lines.at(-1)).toBe('(10 lines above, 21 below: PgUp/PgDn to scroll)');
    expect(viewport(lines.slice(0, 5), 3, 20)).toEqual({ lines: lines.slice(0, 5), offset: 0, scrollable: false });
    expect(scrollToShow(0, 30, 32, 20)).toBe(12);
    expect(scrollToShow(20, 5, 7, 20)).toBe(5);
  });
});

describe('naming the command in hints', () => {
  it('says npx aif-quiz under npx, aif-quiz when the PATH finds this program, else how node runs it', () => {
    const dir = tempDir();
    const script = path.join(dir, 'aif-quiz.js');
    fs.writeFileSync(script, '');
    expect(commandName({ npm_command: 'exec' }, script)).toBe('npx aif-quiz');
    const bin = tempDir();
    fs.symlinkSync(script, path.join(bin, 'aif-quiz'));
    expect(commandName({ PATH: bin }, script)).toBe('aif-quiz');
    expect(commandName({ PATH: tempDir() }, script)).toMatch(/^node .*aif-quiz\.js$/);
  });
});

describe('opening a reference', () => {
  it('opens a browser only where there is one, and links only where the terminal shows links', () => {
    expect(canOpenBrowser({ BROWSER: 'none', DISPLAY: ':0' })).toBe(false);
    expect(canOpenBrowser({ SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' })).toBe(false);
    expect(supportsHyperlinks({ TERM_PROGRAM: 'iTerm.app' })).toBe(true);
    expect(supportsHyperlinks({ TERM: 'dumb', TERM_PROGRAM: 'iTerm.app' })).toBe(false);
    expect(supportsHyperlinks({})).toBe(false);
    expect(hyperlink('https://a.example/x', 'a.example')).toBe('\u001B]8;;https://a.example/x\u001B\\a.example\u001B]8;;\u001B\\');
  });
});

describe('the screen prompt, with scripted keys', () => {
  const menuLike = (extra: Partial<ListScreenConfig<string>> = {}): ListScreenConfig<string> => ({
    content: () => ['Which domain?'],
    choices: ['one', 'two', 'three'].map((name) => ({ label: () => [name], value: name })),
    keys: [
      { name: 'back', keys: ['escape'] },
      { name: 'quit', keys: ['q'] },
    ],
    hints: [
      { key: '↑↓', label: 'move' },
      { key: 'esc', label: 'back' },
    ],
    ...extra,
  });

  it('moves and picks with the arrows and Enter', async () => {
    const { answer, events, getScreen } = await render(listScreen<string>, menuLike());
    expect(getScreen()).toContain('❯ one');
    expect(getScreen()).toContain('↑↓ move · esc back');
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'choice', value: 'three' });
  });

  it('goes back with Esc and quits with q', async () => {
    const back = await render(listScreen<string>, menuLike());
    back.events.keypress('escape');
    await expect(back.answer).resolves.toMatchObject({ kind: 'key', name: 'back' });
    const quit = await render(listScreen<string>, menuLike());
    quit.events.keypress('q');
    await expect(quit.answer).resolves.toMatchObject({ kind: 'key', name: 'quit' });
  });

  it('asks for exactly the number of options a multiple-response question needs', async () => {
    const { answer, events, getScreen } = await render(listScreen<string>, menuLike({ needed: 2 }));
    events.keypress('space');
    events.keypress('enter');
    expect(getScreen()).toContain('Select exactly 2 options (you have 1).');
    events.keypress('down');
    events.keypress('space');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'choices', values: ['one', 'two'] });
  });

  it('answers with the letter of an option, as the exam does, and marks with it on a multiple-response question', async () => {
    const single = await render(listScreen<string>, menuLike({ lettered: true }));
    single.events.keypress('c');
    await expect(single.answer).resolves.toEqual({ kind: 'choice', value: 'three' });
    const multiple = await render(listScreen<string>, menuLike({ lettered: true, needed: 2 }));
    multiple.events.keypress('a');
    multiple.events.keypress('c');
    multiple.events.keypress({ name: 'b', ctrl: true });
    multiple.events.keypress('enter');
    await expect(multiple.answer).resolves.toEqual({ kind: 'choices', values: ['one', 'three'] });
  });

  it('keeps long content inside the screen and pages through it', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `paragraph ${i}`);
    const { answer, events, getScreen } = await render(listScreen<never>, { content: () => long, choices: [], keys: [{ name: 'next', keys: ['enter'] }], hints: [{ key: '⏎', label: 'next' }] });
    const first = getScreen().split('\n');
    expect(first.length).toBeLessThanOrEqual(24);
    expect(first[0]).toBe('paragraph 0');
    events.keypress('pagedown');
    expect(getScreen()).toContain('lines above');
    expect(getScreen()).not.toContain('paragraph 0\n');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ kind: 'key', name: 'next' });
  });
});
