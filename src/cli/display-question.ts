import type { Answer, Question } from '../bank/question.js';
import type { Presentation } from '../engine/present.js';
import { escapeText } from './escape.js';

/**
 * A question with every bank string passed through `escapeText`, for the screens that print it.
 * Grading always uses the question as loaded; only what is shown is escaped. escapeText leaves
 * already-escaped text as it is, so a renderer that escapes again changes nothing.
 */
export function displayQuestion(q: Question): Question {
  const e = escapeText;
  const base = {
    ...q,
    stem: e(q.stem),
    explanation: e(q.explanation),
    references: q.references.map(e),
    tags: q.tags.map(e),
    ...(q.scenario && { scenario: { ...q.scenario, title: e(q.scenario.title), text: e(q.scenario.text) } }),
  };
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, type: q.type, options: q.options.map((o) => ({ ...o, text: e(o.text), ...(o.why !== undefined && { why: e(o.why) }) })) } as Question;
    case 'ordering':
      return { ...base, type: q.type, steps: q.steps.map(e), ...(q.stepWhys && { stepWhys: q.stepWhys.map((w) => (w === undefined ? w : e(w))) }) } as Question;
    case 'matching':
      return {
        ...base,
        type: q.type,
        pairs: q.pairs.map((p) => ({ ...p, prompt: e(p.prompt), answer: e(p.answer), ...(p.why !== undefined && { why: e(p.why) }) })),
        responses: q.responses.map(e),
      } as Question;
  }
}

export function displayPresentation(p: Presentation): Presentation {
  return { ...p, question: displayQuestion(p.question), responses: p.responses.map(escapeText) };
}

/** Matching picks are bank text too; indices need nothing. */
export function displayAnswer(a: Answer): Answer {
  return a.type === 'matching' ? { ...a, picks: a.picks.map(escapeText) } : a;
}
