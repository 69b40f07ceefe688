import { describe, expect, it } from 'vitest';
import { cueProblems, cueReport, cueWarnings, keyIsLongestSet, keyLengthRank } from '../../src/bank/cues.js';

const opts = (...texts: string[]) => texts.map((text, i) => ({ text, correct: i === 0 }));

describe('length cues', () => {
  it('ranks the key by how many options are longer', () => {
    expect(keyLengthRank(opts('longest of them all', 'short', 'tiny', 'mid size'))).toBe(1);
    expect(keyLengthRank(opts('a', 'bb', 'ccc', 'dddd'))).toBe(4);
    // A tie shares the better rank.
    expect(keyLengthRank(opts('same', 'same', 'x', 'y'))).toBe(1);
  });

  it('sees a Select-N key made of exactly the longest options', () => {
    const options = [
      { text: 'a long correct statement', correct: true }, { text: 'another long correct one', correct: true },
      { text: 'short', correct: false }, { text: 'brief', correct: false }, { text: 'tiny', correct: false },
    ];
    expect(keyIsLongestSet(options)).toBe(true);
    expect(keyIsLongestSet([...options.slice(0, 4), { text: 'a wrong option longer than all', correct: false }])).toBe(false);
  });

  it('accepts a bank whose key ranks are spread and rejects one stuck at a rank', () => {
    // Key of 4 characters; rank - 1 wrong options longer than it, the rest shorter.
    const spread = [1, 2, 3, 4, 1, 2, 3, 4].map((rank) => ({
      type: 'single' as const,
      options: opts('kkkk', ...[1, 2, 3].map((i) => (i < rank ? 'longer wrong' : 'w'))),
    }));
    expect(cueReport({ questions: spread } as never).ranks).toEqual([2, 2, 2, 2]);
    expect(cueProblems(cueReport({ questions: spread } as never))).toEqual([]);
    const stuck = Array.from({ length: 8 }, () => ({ type: 'single' as const, options: opts('a', 'bbbb', 'cccc', 'dddd') }));
    expect(cueProblems(cueReport({ questions: stuck } as never))[0]).toMatch(/the correct option is the longest in 0 of 8/);
  });
});

describe('cue warnings', () => {
  it('flags distractors in absolutes the key lacks', () => {
    const w = cueWarnings({ id: 'q', stem: 'Which approach reduces hallucinations?', options: opts('Ground answers in retrieved documents', 'Always raise the temperature', 'Use any model', 'Fine-tune on random text') });
    expect(w.map((x) => x.message)).toEqual([expect.stringMatching(/2 wrong options are worded in absolutes the key lacks \(always, any\)/)]);
  });

  it('flags a key that alone echoes the stem', () => {
    const w = cueWarnings({ id: 'q', stem: 'A retailer wants to transcribe recorded support calls.', options: opts('Transcribe the recorded calls with Amazon Transcribe', 'Amazon Polly', 'Amazon Lex', 'Amazon Kendra') });
    expect(w.map((x) => x.message)).toEqual([expect.stringMatching(/only the key repeats the stem's words \(transcribe, recorded\)/)]);
  });
});
