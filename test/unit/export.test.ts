import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { ANKI_HEADER, CSV_COLUMNS, checkExportOptions, csvCell, exportLayout, guidOf, selectForExport, toAnki, toCsv } from '../../src/cli/commands/export.js';
import { shippedBanksDir } from '../../src/paths.js';
import { MINI_BANK, parseCsv, tempDir, writeFile } from '../helpers.js';


const mini = () => loadBanks([MINI_BANK]).questions;

/** A bank whose text tries formulas, HTML and attribute breaking out of its fields. */
function hostileQuestions(): readonly Question[] {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'hostile.yaml',
    `domain: 1
questions:
  - id: hostile-single
    task: "1.1"
    type: single
    stem: "=HYPERLINK(\\"https://evil.example\\",\\"click\\") <img src=x onerror=alert(1)>"
    options:
      - { text: "+cmd|' /C calc'!A0", correct: true, why: "@SUM(1+1)" }
      - { text: "-2+3", why: "<script>alert(1)</script>" }
      - { text: "\\tTabbed", why: "Quote \\" and apostrophe ' here" }
      - { text: "Plain", why: "Line one\\n\\nline two" }
    explanation: "=1+1"
    references: ['https://docs.aws.amazon.com/x.html"onmouseover="alert(1)']
`,
  );
  const result = loadBanks([file]);
  expect(result.problems).toEqual([]);
  return result.questions;
}

describe('export layout', () => {
  it('shuffles the options stably per question, so the key is not always A', () => {
    const questions = loadBanks([shippedBanksDir()]).questions.filter((q) => q.type === 'single');
    expect(questions.length).toBeGreaterThan(100);
    const keyPositions = questions.map((q) => exportLayout(q).order.findIndex((i) => q.type === 'single' && q.options[i]!.correct));
    for (const position of [0, 1, 2, 3]) {
      const share = keyPositions.filter((p) => p === position).length / keyPositions.length;
      expect(share, `key at ${'ABCD'[position]}`).toBeGreaterThan(0.15);
      expect(share, `key at ${'ABCD'[position]}`).toBeLessThan(0.35);
    }
    // The same question is laid out the same way every time.
    for (const q of questions.slice(0, 20)) expect(exportLayout(q)).toEqual(exportLayout(q));
    expect(toCsv(questions)).toBe(toCsv(questions));
  });

  it('filters by domain, task and tag, and refuses a task of another domain', () => {
    const questions = mini();
    expect(selectForExport(questions, {}).map((q) => q.id)).toEqual(['mini-single', 'mini-multiple', 'mini-ordering', 'mini-matching']);
    expect(selectForExport(questions, { task: '1.2' }).map((q) => q.id)).toEqual(['mini-multiple', 'mini-matching']);
    expect(selectForExport(questions, { domain: 2 })).toEqual([]);
    expect(selectForExport(questions, { tags: ['nothing'] })).toEqual([]);
    expect(() => checkExportOptions({ task: '2.1', domain: 1 })).toThrow(/--task 2\.1 belongs to domain 2, not --domain 1/);
    expect(() => checkExportOptions({ force: true })).toThrow(/--force only applies with --output/);
    expect(() => checkExportOptions({ task: '1.1', domain: 1, output: 'x', force: true })).not.toThrow();
  });
});

describe('CSV export', () => {
  it('parses back into one row per question with a stable guid and real line breaks', () => {
    const questions = mini();
    const rows = parseCsv(toCsv(questions));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(questions.length + 1);
    const byId = new Map(rows.slice(1).map((r) => [r[1], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!]))]));
    const single = byId.get('mini-single')!;
    expect(single.guid).toBe('aif-quiz:mini-single');
    const letter = /^([A-D])\) Supervised learning$/m.exec(single.question!)![1];
    expect(single.answer).toBe(`${letter}) Supervised learning`);
    expect(single.question!.split('\n')).toContain('Which type of learning uses data where every example has a known label?');
    expect(single.explanation).toMatch(/^Labelled data means supervised learning\.\n\n[A-D]\) /);
    const matching = byId.get('mini-matching')!;
    expect(matching.question).toMatch(/^Case study: A small shop\n\nA small online shop/);
    expect(matching.answer!.split('\n')).toEqual(['1. Read invoices → Amazon Textract', '2. Recommend teas → Amazon Personalize', '3. Translate product pages → Amazon Translate']);
    expect(byId.get('mini-ordering')!.answer).toBe('1. Collect data\n2. Train the model\n3. Deploy the model');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}x`)).toBe(`"'${start}x"`);
    expect(csvCell('a "quoted", word')).toBe('"a ""quoted"", word"');
    const rows = parseCsv(toCsv(hostileQuestions()));
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]!]));
    expect(row.question!.startsWith("'=HYPERLINK")).toBe(true);
    expect(row.explanation!.startsWith("'=1+1")).toBe(true);
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('Anki export', () => {
  it('writes a header Anki reads, a guid column and <br> line breaks', () => {
    const questions = mini();
    const lines = toAnki(questions).trimEnd().split('\n');
    expect(lines.slice(0, ANKI_HEADER.length)).toEqual(ANKI_HEADER);
    const notes = lines.slice(ANKI_HEADER.length).map((l) => l.split('\t'));
    expect(notes).toHaveLength(questions.length);
    for (const [i, note] of notes.entries()) {
      expect(note).toHaveLength(4);
      expect(note[0]).toBe(guidOf(questions[i]!));
      expect(note[3]).toMatch(/^aif-quiz domain-1 task-1-\d/);
    }
    expect(notes[0]![1]).toMatch(/label\?<br><br>A\) /);
    expect(notes[0]![2]).toContain('<a href="https://aws.amazon.com/what-is/machine-learning/">');
  });

  it('escapes every field and attribute, so bank text cannot add markup or attributes', () => {
    const [note] = toAnki(hostileQuestions()).trimEnd().split('\n').slice(ANKI_HEADER.length).map((l) => l.split('\t'));
    expect(note).toHaveLength(4);
    const html = note!.join('\t');
    expect(html).not.toMatch(/<(?!br>|a href="|\/a>)/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://docs.aws.amazon.com/x.html&quot;onmouseover=&quot;alert(1)"');
    // Every attribute is the one written by the export.
    expect([...html.matchAll(/<a ([^>]*)>/g)].map((m) => m[1])).toEqual(['href="https://docs.aws.amazon.com/x.html&quot;onmouseover=&quot;alert(1)"']);
    expect(note![1]).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(note![2]).toContain('Quote &quot; and apostrophe &#39; here');
    expect(note![2]).toContain('Line one<br><br>line two');
  });
});

describe('service status in exports', () => {
  it('adds the ledger note of a service the question names, as on the feedback screen', async () => {
    const { prepareStatusNotes } = await import('../../src/cli/render-status.js');
    await prepareStatusNotes();
    const shipped = loadBanks([shippedBanksDir()]).questions;
    const kendra = shipped.find((q) => /Amazon Kendra/.test(q.stem) || (q.type === 'single' && q.options.some((o) => /Amazon Kendra/.test(o.text))))!;
    expect(kendra, 'a shipped question that names Amazon Kendra').toBeDefined();
    const csv = toCsv([kendra]);
    expect(csv).toContain('Service status: Amazon Kendra: closed to new customers since 2026-07-30.');
    const plain = shipped.find((q) => !/Kendra|Clarify|Model Monitor|Ground Truth|Q Business|Agents|Audit Manager|Forecast|A2I|Augmented AI/.test(JSON.stringify(q)))!;
    expect(toCsv([plain])).not.toContain('Service status:');
  });
});
