import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLedgerRules, ledgerCheck, loadLedger, parseLedger, statusNotesFor } from '../../src/bank/ledger.js';
import { findBankFiles, loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { ROOT, tempDir, writeFile } from '../helpers.js';

const ENTRY = `services:
  - id: clarify
    name: Amazon SageMaker Clarify
    aliases: [SageMaker Clarify]
    status: closed-to-new-customers
    date: 2026-06-30
    seen: 2026-12-02
    note: Existing customers can keep using it.
    reference: https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-data-format.html
  - id: ground-truth
    name: Amazon SageMaker Ground Truth
    aliases: [Ground Truth]
    status: closed-to-new-customers
    seen: 2026-12-02
    note: Existing customers can keep using it.
    reference: https://docs.aws.amazon.com/sagemaker/latest/dg/sms-create-labeling-job-api.html
  - id: topics
    name: Amazon Comprehend topic modeling
    aliases: [topic modeling]
    context: [Comprehend]
    status: closed-to-new-customers
    seen: 2026-12-02
    note: Other features are not affected.
    reference: https://docs.aws.amazon.com/comprehend/latest/dg/comprehend-availability-change.html
`;
const ledger = parseLedger('ledger.yaml', ENTRY);

function question(key: string, extra: Partial<Question> = {}): Question {
  return {
    id: 'q-1', type: 'single', domain: 4, task: '4.1', tags: [], stem: 'Which service finds bias in a dataset?',
    explanation: 'Because.', references: ['https://docs.aws.amazon.com/x.html'], source: { file: 'bank.yaml', line: 3 },
    options: [
      { text: key, correct: true }, { text: 'Amazon Polly', correct: false },
      { text: 'Amazon Lex', correct: false }, { text: 'Amazon Kinesis', correct: false },
    ],
    ...extra,
  } as Question;
}

describe('the service-status ledger', () => {
  it('ships without problems, every entry citing an AWS page', () => {
    const shipped = loadLedger(path.join(ROOT, 'questions'));
    expect(shipped.problems).toEqual([]);
    expect(shipped.entries.length).toBeGreaterThanOrEqual(10);
    for (const entry of shipped.entries) expect(entry.reference).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('is not mistaken for a question bank', () => {
    const files = findBankFiles([path.join(ROOT, 'questions')]).files;
    expect(files.some((f) => f.endsWith('service-status.yaml'))).toBe(false);
  });

  it('locates a wrong field like a bank problem', () => {
    const broken = parseLedger('ledger.yaml', ENTRY.replace('    seen: 2026-12-02\n', '    seen: 2026-12-02\n    sen: x\n'));
    expect(broken.problems[0]).toMatchObject({ line: 8, column: 5, message: expect.stringMatching(/unknown field "sen"; did you mean "seen"/) });
    expect(broken.entries).toEqual([]);
  });

  it('finds the entries a question names, by whole name in the case AWS writes it', () => {
    expect(statusNotesFor(question('SageMaker Clarify'), ledger.entries).map((e) => e.id)).toEqual(['clarify']);
    // "ground truth" as a machine-learning term is not the labeling service.
    expect(statusNotesFor(question('Compare with the ground truth labels'), ledger.entries)).toEqual([]);
    expect(statusNotesFor(question('Use Ground Truth labeling jobs'), ledger.entries).map((e) => e.id)).toEqual(['ground-truth']);
    // A feature with a generic name counts only beside its service.
    expect(statusNotesFor(question('LDA topic modeling'), ledger.entries)).toEqual([]);
    expect(statusNotesFor(question('Amazon Comprehend topic modeling'), ledger.entries).map((e) => e.id)).toEqual(['topics']);
  });

  it('in strict mode, requires a question keyed on a changed service to be reviewed since the change', () => {
    const stale = checkLedgerRules([question('Amazon SageMaker Clarify', { reviewed: '2026-05-01' })], ledger.entries);
    expect(stale[0]!.message).toMatch(/its key names Amazon SageMaker Clarify, which is closed to new customers \(since 2026-06-30\), but the question was last reviewed on 2026-05-01/);
    expect(checkLedgerRules([question('Amazon SageMaker Clarify')], ledger.entries)[0]!.message).toMatch(/never reviewed/);
    expect(checkLedgerRules([question('Amazon SageMaker Clarify', { reviewed: '2026-07-01' })], ledger.entries)).toEqual([]);
    // Naming the service in a wrong option is not keying on it.
    const asDistractor = question('Amazon Polly', { reviewed: '2026-01-01' });
    (asDistractor as { options: unknown }).options = [
      { text: 'Amazon Polly', correct: true }, { text: 'SageMaker Clarify', correct: false },
      { text: 'Amazon Lex', correct: false }, { text: 'Amazon Kinesis', correct: false },
    ];
    expect(checkLedgerRules([asDistractor], ledger.entries)).toEqual([]);
  });

  it('is checked by a validation of the folder that holds it', () => {
    const dir = tempDir();
    writeFile(dir, 'service-status.yaml', ENTRY.replace('status: closed-to-new-customers', 'status: closed'));
    writeFile(dir, '1-x/1.1.yaml', `domain: 1
questions:
  - id: q-one
    task: "1.1"
    type: single
    stem: Which one is right?
    options:
      - { text: Right, correct: true }
      - { text: Wrong one }
      - { text: Wrong two }
      - { text: Wrong three }
    explanation: The rule.
    references: [https://docs.aws.amazon.com/x.html]
`);
    const banks = loadBanks([dir]);
    expect(banks.problems).toEqual([]);
    const problems = ledgerCheck([dir], banks.questions, false);
    expect(problems[0]!.message).toMatch(/"status" must be one of: closed-to-new-customers/);
  });
});
