import type { Answer, Question } from '../bank/question.js';
import type { Presentation } from './present.js';

/**
 * The running mock exam as pure state and transitions: which screen is open, which question, the
 * cursor, what has been picked and flagged. The exam screen in the CLI maps keys to these actions
 * and renders the result; the command saves it. Nothing here touches the terminal or a file.
 */

/** What the learner has picked so far on one question, complete or not. */
export type Draft =
  | { readonly type: 'single'; readonly choice?: number }
  | { readonly type: 'multiple'; readonly choices: readonly number[] }
  /** Step indices (bank order) in the order the learner placed them. */
  | { readonly type: 'ordering'; readonly order: readonly number[] }
  /** The response picked for each prompt, in the bank's prompt order. */
  | { readonly type: 'matching'; readonly picks: readonly (string | undefined)[] };

export type ExamScreenKind = 'question' | 'review' | 'confirm';

export interface ExamNav {
  readonly screen: ExamScreenKind;
  /** The question shown (or last shown, while the review screen is open). */
  readonly current: number;
  /** Row under the cursor on the question screen: an option or step in display order, or a matching prompt. */
  readonly cursor: number;
  /** Row under the cursor on the review screen: a question, or `questions.length` for "Submit". */
  readonly reviewCursor: number;
  /** Complete answers, by question id; only these are saved and scored. */
  readonly answers: ReadonlyMap<string, Answer>;
  /** Picks in progress, by question id (a multiple-response question with one of two picked). */
  readonly drafts: ReadonlyMap<string, Draft>;
  readonly flags: ReadonlySet<string>;
  /** A one-line note for the learner about the last key (cleared by the next one). */
  readonly notice?: string;
}

export interface ExamPaper {
  readonly presentations: readonly Presentation[];
  /** Feedback mode: an answer is checked (Enter) and then shown with its explanation, and locked. */
  readonly feedback: boolean;
}

export type ExamAction =
  /** A letter key: the option or step with that letter; on a matching question, the response for the prompt under the cursor. */
  | { readonly kind: 'pick'; readonly letter: number }
  /** Space: pick (or unpick) the row under the cursor; on a matching question, the next response. */
  | { readonly kind: 'toggle' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'cursor'; readonly delta: number }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  /** Enter on a question: check the answer in feedback mode, otherwise the next question. */
  | { readonly kind: 'enter' }
  | { readonly kind: 'flag' }
  | { readonly kind: 'review' }
  /** Esc: from a question to the review screen, from the review screen back to the question. */
  | { readonly kind: 'back' }
  | { readonly kind: 'reviewCursor'; readonly delta: number }
  /** Enter on the review screen: go to the question under the cursor, or ask to submit. */
  | { readonly kind: 'open' }
  | { readonly kind: 'askSubmit' };

export type QuestionStatus = 'answered' | 'incomplete' | 'unanswered';

export function startNav(
  paper: ExamPaper,
  saved: { current: number; answers: ReadonlyMap<string, Answer>; flags: Iterable<string> },
): ExamNav {
  const current = Math.min(Math.max(0, saved.current), paper.presentations.length - 1);
  const base: ExamNav = {
    screen: 'question',
    current,
    cursor: 0,
    reviewCursor: 0,
    answers: new Map(saved.answers),
    drafts: new Map([...saved.answers].map(([id, answer]) => [id, draftOf(answer)])),
    flags: new Set(saved.flags),
  };
  return { ...base, cursor: cursorFor(paper, base, current) };
}

export function statusOf(nav: ExamNav, id: string): QuestionStatus {
  if (nav.answers.has(id)) return 'answered';
  const draft = nav.drafts.get(id);
  return draft && !isEmptyDraft(draft) ? 'incomplete' : 'unanswered';
}

/** Where the review screen's cursor starts: the first unanswered question, else the first flagged, else "Submit". */
export function reviewStart(paper: ExamPaper, nav: ExamNav): number {
  const ids = paper.presentations.map((p) => p.question.id);
  const open = ids.findIndex((id) => statusOf(nav, id) !== 'answered');
  if (open >= 0) return open;
  const flagged = ids.findIndex((id) => nav.flags.has(id));
  return flagged >= 0 ? flagged : ids.length;
}

/** In feedback mode a checked answer is final: its explanation has been shown. */
export function isLocked(paper: ExamPaper, nav: ExamNav, index: number): boolean {
  return paper.feedback && nav.answers.has(paper.presentations[index]!.question.id);
}

/** How many rows the cursor moves over on a question: options, steps or matching prompts. */
export function rowCount(question: Question): number {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.length;
    case 'ordering':
      return question.steps.length;
    case 'matching':
      return question.pairs.length;
  }
}

/** How many letters a question answers with: options, steps, or a matching question's responses. */
export function letterCount(p: Presentation): number {
  return p.question.type === 'matching' ? p.responses.length : rowCount(p.question);
}

export function neededChoices(question: Question): number {
  return question.type === 'multiple' ? question.options.filter((o) => o.correct).length : 1;
}

export function emptyDraft(question: Question): Draft {
  switch (question.type) {
    case 'single':
      return { type: 'single' };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'ordering':
      return { type: 'ordering', order: [] };
    case 'matching':
      return { type: 'matching', picks: question.pairs.map(() => undefined) };
  }
}

export function draftOf(answer: Answer): Draft {
  switch (answer.type) {
    case 'single':
      return { type: 'single', choice: answer.choice };
    case 'multiple':
      return { type: 'multiple', choices: [...answer.choices] };
    case 'ordering':
      return { type: 'ordering', order: [...answer.order] };
    case 'matching':
      return { type: 'matching', picks: [...answer.picks] };
  }
}

function isEmptyDraft(draft: Draft): boolean {
  switch (draft.type) {
    case 'single':
      return draft.choice === undefined;
    case 'multiple':
      return draft.choices.length === 0;
    case 'ordering':
      return draft.order.length === 0;
    case 'matching':
      return draft.picks.every((p) => p === undefined);
  }
}

/** The answer a draft amounts to, when it is complete. */
export function completeAnswer(question: Question, draft: Draft): Answer | undefined {
  if (draft.type === 'single' && question.type === 'single') return draft.choice === undefined ? undefined : { type: 'single', choice: draft.choice };
  if (draft.type === 'multiple' && question.type === 'multiple') {
    return draft.choices.length === neededChoices(question) ? { type: 'multiple', choices: [...draft.choices].sort((a, b) => a - b) } : undefined;
  }
  if (draft.type === 'ordering' && question.type === 'ordering') return draft.order.length === question.steps.length ? { type: 'ordering', order: [...draft.order] } : undefined;
  if (draft.type === 'matching' && question.type === 'matching') {
    return draft.picks.length === question.pairs.length && draft.picks.every((p) => p !== undefined) ? { type: 'matching', picks: draft.picks as string[] } : undefined;
  }
  return undefined;
}

/**
 * Whether a saved answer can belong to this question: the right type, indices in range and
 * distinct, every prompt matched to one of its responses. A saved exam whose banks changed can
 * hold answers that no longer fit.
 */
export function answerFits(question: Question, answer: Answer): boolean {
  const indices = (list: readonly number[], size: number) => new Set(list).size === list.length && list.every((i) => Number.isInteger(i) && i >= 0 && i < size);
  switch (question.type) {
    case 'single':
      return answer.type === 'single' && indices([answer.choice], question.options.length);
    case 'multiple':
      return answer.type === 'multiple' && answer.choices.length === neededChoices(question) && indices(answer.choices, question.options.length);
    case 'ordering':
      return answer.type === 'ordering' && answer.order.length === question.steps.length && indices(answer.order, question.steps.length);
    case 'matching': {
      if (answer.type !== 'matching' || answer.picks.length !== question.pairs.length) return false;
      const responses = new Set(question.responses);
      return answer.picks.every((p) => responses.has(p));
    }
  }
}

/** The cursor row a question opens on: its single answer's option, else the first row. */
function cursorFor(paper: ExamPaper, nav: ExamNav, index: number): number {
  const p = paper.presentations[index]!;
  const answer = nav.answers.get(p.question.id);
  if (answer?.type === 'single') return Math.max(0, p.order.indexOf(answer.choice));
  return 0;
}

function goTo(paper: ExamPaper, nav: ExamNav, index: number): ExamNav {
  return { ...nav, screen: 'question', current: index, cursor: cursorFor(paper, nav, index) };
}

function openReview(paper: ExamPaper, nav: ExamNav): ExamNav {
  return { ...nav, screen: 'review', reviewCursor: reviewStart(paper, nav) };
}

/** Store a changed draft; outside feedback mode a complete one is the answer at once. */
function withDraft(paper: ExamPaper, nav: ExamNav, draft: Draft, extra: Partial<ExamNav> = {}): ExamNav {
  const question = paper.presentations[nav.current]!.question;
  const drafts = new Map(nav.drafts).set(question.id, draft);
  if (paper.feedback) return { ...nav, ...extra, drafts };
  const answers = new Map(nav.answers);
  const answer = completeAnswer(question, draft);
  if (answer) answers.set(question.id, answer);
  else answers.delete(question.id);
  return { ...nav, ...extra, drafts, answers };
}

function pick(paper: ExamPaper, nav: ExamNav, letter: number, toggleOnly: boolean): ExamNav {
  const p = paper.presentations[nav.current]!;
  const q = p.question;
  const draft = nav.drafts.get(q.id) ?? emptyDraft(q);
  if (letter < 0 || letter >= letterCount(p)) return nav;
  switch (q.type) {
    case 'single': {
      const choice = p.order[letter]!;
      return withDraft(paper, nav, { type: 'single', choice }, { cursor: letter });
    }
    case 'multiple': {
      const option = p.order[letter]!;
      const chosen = draft.type === 'multiple' ? draft.choices : [];
      if (chosen.includes(option)) return withDraft(paper, nav, { type: 'multiple', choices: chosen.filter((c) => c !== option) }, { cursor: letter });
      const needed = neededChoices(q);
      if (chosen.length >= needed) return { ...nav, cursor: letter, notice: `Select ${needed}: unselect one first (press its letter again).` };
      return withDraft(paper, nav, { type: 'multiple', choices: [...chosen, option] }, { cursor: letter });
    }
    case 'ordering': {
      const step = p.order[letter]!;
      const order = draft.type === 'ordering' ? draft.order : [];
      if (order.includes(step)) {
        if (toggleOnly && order[order.length - 1] === step) return withDraft(paper, nav, { type: 'ordering', order: order.slice(0, -1) }, { cursor: letter });
        return { ...nav, cursor: letter, notice: `That step is already number ${order.indexOf(step) + 1}; Backspace takes back the last one.` };
      }
      let next = [...order, step];
      // The last step has only one place left.
      if (next.length === q.steps.length - 1) next = [...next, ...p.order.filter((s) => !next.includes(s))];
      return withDraft(paper, nav, { type: 'ordering', order: next }, { cursor: letter });
    }
    case 'matching': {
      const picks = draft.type === 'matching' ? [...draft.picks] : q.pairs.map(() => undefined);
      picks[nav.cursor] = p.responses[letter];
      // Move on to the next prompt still without a response, so a learner can type the letters in a row.
      const after = [...picks.keys()].find((i) => i > nav.cursor && picks[i] === undefined) ?? picks.findIndex((x) => x === undefined);
      return withDraft(paper, nav, { type: 'matching', picks }, { cursor: after >= 0 ? after : nav.cursor });
    }
  }
}

function toggle(paper: ExamPaper, nav: ExamNav): ExamNav {
  const p = paper.presentations[nav.current]!;
  const q = p.question;
  if (q.type !== 'matching') return pick(paper, nav, nav.cursor, true);
  const draft = nav.drafts.get(q.id);
  const picks = draft?.type === 'matching' ? [...draft.picks] : q.pairs.map(() => undefined);
  const at = picks[nav.cursor] === undefined ? -1 : p.responses.indexOf(picks[nav.cursor]!);
  picks[nav.cursor] = p.responses[(at + 1) % p.responses.length];
  return withDraft(paper, nav, { type: 'matching', picks });
}

function clear(paper: ExamPaper, nav: ExamNav): ExamNav {
  const q = paper.presentations[nav.current]!.question;
  const draft = nav.drafts.get(q.id) ?? emptyDraft(q);
  switch (draft.type) {
    case 'single':
    case 'multiple':
      return withDraft(paper, nav, emptyDraft(q));
    case 'ordering': {
      // A complete order had its last step placed for the learner: take back two.
      const keep = draft.order.length === rowCount(q) ? draft.order.length - 2 : draft.order.length - 1;
      return withDraft(paper, nav, { type: 'ordering', order: draft.order.slice(0, Math.max(0, keep)) });
    }
    case 'matching': {
      const picks = [...draft.picks];
      picks[nav.cursor] = undefined;
      return withDraft(paper, nav, { type: 'matching', picks });
    }
  }
}

function next(paper: ExamPaper, nav: ExamNav): ExamNav {
  const last = paper.presentations.length - 1;
  return nav.current >= last ? openReview(paper, nav) : goTo(paper, nav, nav.current + 1);
}

/** Check the answer in feedback mode: it becomes final and its explanation is shown. */
function check(paper: ExamPaper, nav: ExamNav): ExamNav {
  const q = paper.presentations[nav.current]!.question;
  if (nav.answers.has(q.id)) return next(paper, nav);
  const draft = nav.drafts.get(q.id);
  if (!draft || isEmptyDraft(draft)) return next(paper, nav);
  const answer = completeAnswer(q, draft);
  if (!answer) return { ...nav, notice: incompleteNotice(q, draft) };
  return { ...nav, answers: new Map(nav.answers).set(q.id, answer) };
}

function incompleteNotice(q: Question, draft: Draft): string {
  if (q.type === 'multiple' && draft.type === 'multiple') return `Select ${neededChoices(q)} (you have ${draft.choices.length}) before checking.`;
  if (q.type === 'ordering') return 'Place every step before checking.';
  if (q.type === 'matching') return 'Pick a response for every prompt before checking.';
  return 'Pick an answer before checking.';
}

export function reduceExam(paper: ExamPaper, nav: ExamNav, action: ExamAction): ExamNav {
  const plain: ExamNav = { ...nav, notice: undefined };
  const total = paper.presentations.length;
  if (nav.screen === 'question') {
    const locked = isLocked(paper, nav, nav.current);
    const lockedNotice = { ...plain, notice: 'This answer has been checked and is final. → for the next question.' };
    switch (action.kind) {
      case 'pick':
        return locked ? lockedNotice : pick(paper, plain, action.letter, false);
      case 'toggle':
        return locked ? lockedNotice : toggle(paper, plain);
      case 'clear':
        return locked ? lockedNotice : clear(paper, plain);
      case 'cursor': {
        const rows = rowCount(paper.presentations[nav.current]!.question);
        return { ...plain, cursor: Math.min(rows - 1, Math.max(0, nav.cursor + action.delta)) };
      }
      case 'next':
        return next(paper, plain);
      case 'previous':
        return nav.current === 0 ? { ...plain, notice: 'This is the first question.' } : goTo(paper, plain, nav.current - 1);
      case 'enter':
        return paper.feedback ? check(paper, plain) : next(paper, plain);
      case 'flag': {
        const id = paper.presentations[nav.current]!.question.id;
        const flags = new Set(nav.flags);
        if (!flags.delete(id)) flags.add(id);
        return { ...plain, flags };
      }
      case 'review':
      case 'back':
      case 'askSubmit':
        return openReview(paper, plain);
      default:
        return plain;
    }
  }
  if (nav.screen === 'review') {
    switch (action.kind) {
      case 'reviewCursor':
      case 'cursor':
        return { ...plain, reviewCursor: Math.min(total, Math.max(0, nav.reviewCursor + action.delta)) };
      case 'open':
      case 'enter':
        return nav.reviewCursor >= total ? { ...plain, screen: 'confirm' } : goTo(paper, plain, nav.reviewCursor);
      case 'askSubmit':
        return { ...plain, screen: 'confirm' };
      case 'flag': {
        if (nav.reviewCursor >= total) return plain;
        const id = paper.presentations[nav.reviewCursor]!.question.id;
        const flags = new Set(nav.flags);
        if (!flags.delete(id)) flags.add(id);
        return { ...plain, flags };
      }
      case 'back':
      case 'review':
        return goTo(paper, plain, nav.current);
      default:
        return plain;
    }
  }
  // The submit confirmation: only going back is an action here; submitting ends the exam.
  if (action.kind === 'back') return { ...plain, screen: 'review' };
  return plain;
}
