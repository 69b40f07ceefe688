import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  usePagination,
  useEffect,
  useKeypress,
  useRef,
  useState,
  type KeypressEvent,
} from '@inquirer/core';
import chalk from 'chalk';
import type { Presentation } from '../engine/present.js';
import { dueWarning, formatClock, warningsUpTo } from '../engine/exam.js';
import {
  isLocked,
  letterCount,
  neededChoices,
  reduceExam,
  statusOf,
  type ExamAction,
  type ExamNav,
  type ExamPaper,
} from '../engine/exam-navigation.js';
import { grade } from '../engine/grade.js';
import { escapeText } from './escape.js';
import { renderFeedback, renderYourAnswer } from './render.js';
import { hang, joinFitting, widthOf, wrapText } from './text.js';

/**
 * The mock exam's screens, built as prompts on @inquirer/core like Inquirer's own `select`: a
 * view function re-run on every change that returns the whole screen, state in hooks, one
 * keypress handler, a clock in an effect. Each screen fits the terminal: long content is shown a
 * window at a time inside the screen instead of scrolling away.
 */

/** Answer letters. Matching questions can offer up to twelve responses. */
export const EXAM_LETTERS = 'ABCDEFGHIJKL';

/** Terminal size as the screen is drawn; narrow terminals keep every line inside the width. */
function screenSize(): { width: number; rows: number } {
  const columns = process.stdout.columns || 80;
  return { width: Math.max(30, Math.min(columns, 100)), rows: Math.max(12, process.stdout.rows || 24) };
}

interface Hint {
  readonly key: string;
  readonly label: string;
}

/** The keys of a screen, packed into as few lines as fit; an entry is never split. */
function keyBar(hints: readonly Hint[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { key, label } of hints) {
    const entry = `${chalk.bold(key)} ${label}`;
    if (line && widthOf(`${line} · ${entry}`) > width) {
      lines.push(line);
      line = entry;
    } else line = line ? `${line} · ${entry}` : entry;
  }
  if (line) lines.push(line);
  return lines;
}

/** A window of `height` lines from `offset`, the last line saying what is above and below when not all fit. */
function windowOf(lines: readonly string[], offset: number, height: number): { shown: string[]; offset: number } {
  if (lines.length <= height) return { shown: [...lines], offset: 0 };
  const room = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(offset, lines.length - room));
  const shown = lines.slice(start, start + room);
  const below = lines.length - start - shown.length;
  const parts = [start > 0 ? `↑ ${start} more above` : '', below > 0 ? `↓ ${below} more below` : ''].filter(Boolean);
  return { shown: [...shown, chalk.dim(`${parts.join(' · ')} (PgUp/PgDn)`)], offset: start };
}

/** The first line to show so that lines [from, to) are inside a window of `height` lines. */
function scrollToShow(offset: number, from: number, to: number, height: number): number {
  const room = Math.max(1, height - 1);
  if (to - from >= room || from < offset) return from;
  if (to > offset + room) return to - room;
  return offset;
}

function keyOf(key: KeypressEvent): string {
  // Ctrl with a letter is not that letter: Ctrl+A must not answer A.
  if (key.ctrl) return '';
  if (isEnterKey(key)) return 'enter';
  if (isSpaceKey(key)) return 'space';
  if (isBackspaceKey(key) || key.name === 'delete') return 'backspace';
  if (isUpKey(key)) return 'up';
  if (isDownKey(key)) return 'down';
  return key.name ?? '';
}

/** One line, cut at a word with "…" when it does not fit. */
function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (widthOf(flat) <= width) return flat;
  const first = wrapText(flat, Math.max(1, width - 1)).split('\n')[0]!;
  return widthOf(first) <= width - 1 ? `${first}…` : `${[...flat].slice(0, Math.max(1, width - 1)).join('')}…`;
}

// ---- the question screen ---------------------------------------------------------------------

interface Body {
  readonly lines: string[];
  /** Line range [from, to) of each cursor row. */
  readonly rows: [number, number][];
}

function questionBody(paper: ExamPaper, nav: ExamNav, width: number): Body {
  const p = paper.presentations[nav.current]!;
  const q = p.question;
  const lines: string[] = [];
  const rows: [number, number][] = [];
  const push = (text: string) => lines.push(...text.split('\n'));
  if (q.scenario) {
    push(chalk.bold(hang('Case study: ', escapeText(q.scenario.title), width)));
    push(wrapText(escapeText(q.scenario.text), width, { indent: '│ ' }));
    lines.push('');
  }
  push(wrapText(escapeText(q.stem), width));
  lines.push('');
  const answer = nav.answers.get(q.id);
  if (isLocked(paper, nav, nav.current)) {
    push(renderFeedback(p, answer, answer !== undefined && grade(q, answer), width));
    return { lines, rows: [[0, 1]] };
  }
  const draft = nav.drafts.get(q.id);
  const row = (index: number, text: string) => {
    const from = lines.length;
    push(text);
    rows[index] = [from, lines.length];
  };
  const cursor = (i: number) => (i === nav.cursor ? chalk.cyan('❯ ') : '  ');
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const chosen = draft?.type === 'single' ? [draft.choice] : draft?.type === 'multiple' ? draft.choices : [];
      p.order.forEach((option, shown) => {
        const on = chosen.includes(option);
        const box = q.type === 'single' ? (on ? '(•)' : '( )') : on ? '[x]' : '[ ]';
        const text = escapeText(q.options[option]!.text);
        row(shown, hang(`${cursor(shown)}${box} ${EXAM_LETTERS[shown]}) `, on ? chalk.bold(text) : text, width));
      });
      const given = answer ?? (draft?.type === 'multiple' && draft.choices.length ? { type: 'multiple' as const, choices: [...draft.choices] } : undefined);
      if (given) lines.push('', ...renderYourAnswer(p, given, width).split('\n'));
      break;
    }
    case 'ordering': {
      const order = draft?.type === 'ordering' ? draft.order : [];
      p.order.forEach((step, shown) => {
        const at = order.indexOf(step);
        const box = at >= 0 ? `[${at + 1}]` : '[ ]';
        row(shown, hang(`${cursor(shown)}${box} ${EXAM_LETTERS[shown]}) `, escapeText(q.steps[step]!), width));
      });
      if (order.length) lines.push('', ...renderYourAnswer(p, { type: 'ordering', order: [...order] }, width, 'Your order: ').split('\n'));
      break;
    }
    case 'matching': {
      const picks = draft?.type === 'matching' ? draft.picks : [];
      q.pairs.forEach((pair, i) => {
        const pick = picks[i];
        const letter = pick === undefined ? -1 : p.responses.indexOf(pick);
        const label = `${cursor(i)}${i + 1}. `;
        const pad = ' '.repeat(widthOf(label));
        const chosen = pick === undefined ? '→ ?' : `→ ${EXAM_LETTERS[letter]}) ${escapeText(pick)}`;
        // Prompt and pick on one line when they fit, else the pick under the prompt.
        const together = `${label}${escapeText(pair.prompt)}  ${chosen}`;
        if (!together.includes('\n') && widthOf(together) <= width) row(i, together);
        else row(i, `${hang(label, escapeText(pair.prompt), width)}\n${hang('→ ', chosen.slice(2), width, pad)}`);
      });
      const unique = new Set(q.pairs.map((pair) => pair.answer)).size;
      const note = p.responses.length > unique ? (p.responses.length - unique === 1 ? ' (one matches nothing)' : ' (some match nothing)') : unique < q.pairs.length ? ' (some fit more than one prompt)' : '';
      lines.push('', `Responses${note}:`);
      p.responses.forEach((r, i) => push(hang(`  ${EXAM_LETTERS[i]}) `, escapeText(r), width)));
      break;
    }
  }
  return { lines, rows };
}

function questionGuide(paper: ExamPaper, nav: ExamNav): string {
  const q = paper.presentations[nav.current]!.question;
  const draft = nav.drafts.get(q.id);
  switch (q.type) {
    case 'single':
      return 'Choose one.';
    case 'multiple': {
      const picked = draft?.type === 'multiple' ? draft.choices.length : 0;
      return `Select ${neededChoices(q)} (${picked} selected).`;
    }
    case 'ordering':
      return 'Ordering: press the steps\u2019 letters in the order they happen.';
    case 'matching':
      return 'Matching: for the prompt under the cursor, press the letter of its response.';
  }
}

function questionHints(paper: ExamPaper, nav: ExamNav): Hint[] {
  const p = paper.presentations[nav.current]!;
  const letters = `a-${EXAM_LETTERS[letterCount(p) - 1]!.toLowerCase()}`;
  const locked = isLocked(paper, nav, nav.current);
  const hints: Hint[] = [];
  if (!locked) {
    hints.push({ key: letters, label: p.question.type === 'matching' ? 'pick response' : p.question.type === 'ordering' ? 'place step' : 'answer' });
    hints.push({ key: '↑↓', label: 'move' }, { key: 'space', label: p.question.type === 'matching' ? 'next response' : 'pick' }, { key: '⌫', label: 'clear' });
  }
  if (paper.feedback && !locked) hints.push({ key: '⏎', label: 'check' });
  hints.push({ key: '←→', label: 'prev/next' }, { key: 'm', label: nav.flags.has(p.question.id) ? 'unflag' : 'flag' });
  hints.push({ key: 'r/esc', label: 'review' }, { key: 'ctrl+c', label: 'pause' });
  return hints;
}

// ---- the review screen -----------------------------------------------------------------------

function statusLabel(nav: ExamNav, id: string): string {
  const status = statusOf(nav, id);
  return status === 'answered' ? 'answered  ' : status === 'incomplete' ? chalk.yellow('incomplete') : chalk.yellow('unanswered');
}

function reviewCounts(paper: ExamPaper, nav: ExamNav): { answered: number; open: number; flagged: number } {
  const ids = paper.presentations.map((p) => p.question.id);
  const answered = ids.filter((id) => nav.answers.has(id)).length;
  return { answered, open: ids.length - answered, flagged: ids.filter((id) => nav.flags.has(id)).length };
}

// ---- the exam prompt -------------------------------------------------------------------------

export interface ExamScreenConfig {
  readonly paper: ExamPaper;
  readonly start: ExamNav;
  readonly limitMs: number;
  /** Milliseconds left on the exam clock, read on every tick (the clock runs in the command). */
  readonly timeLeft: () => number;
  readonly warned: readonly number[];
  /** Said on the first screen until the first key: a dropped question, a damaged saved exam. */
  readonly notices?: readonly string[];
  /** After every change the learner makes: the command saves it. */
  readonly onChange: (nav: ExamNav) => void;
  /** A minutes-left warning was shown (with the marks it covers): the command saves it. */
  readonly onWarning: (marks: readonly number[]) => void;
}

export type ExamScreenResult = { readonly kind: 'submit' | 'timeout'; readonly nav: ExamNav };

const LETTER_KEYS = new Map([...EXAM_LETTERS.toLowerCase()].map((l, i) => [l, i]));

function actionFor(screen: ExamNav['screen'], key: string): ExamAction | 'pageUp' | 'pageDown' | 'submit' | undefined {
  if (key === 'pageup') return 'pageUp';
  if (key === 'pagedown') return 'pageDown';
  if (screen === 'question') {
    const letter = LETTER_KEYS.get(key);
    if (letter !== undefined) return { kind: 'pick', letter };
    const map: Record<string, ExamAction> = {
      space: { kind: 'toggle' },
      backspace: { kind: 'clear' },
      up: { kind: 'cursor', delta: -1 },
      down: { kind: 'cursor', delta: 1 },
      right: { kind: 'next' },
      n: { kind: 'next' },
      left: { kind: 'previous' },
      p: { kind: 'previous' },
      enter: { kind: 'enter' },
      m: { kind: 'flag' },
      r: { kind: 'review' },
      escape: { kind: 'back' },
    };
    return map[key];
  }
  if (screen === 'review') {
    const map: Record<string, ExamAction> = {
      up: { kind: 'reviewCursor', delta: -1 },
      down: { kind: 'reviewCursor', delta: 1 },
      enter: { kind: 'open' },
      s: { kind: 'askSubmit' },
      m: { kind: 'flag' },
      escape: { kind: 'back' },
      r: { kind: 'back' },
    };
    return map[key];
  }
  if (key === 'y') return 'submit';
  if (key === 'n' || key === 'escape') return { kind: 'back' };
  return undefined;
}

export const examScreen = createPrompt<ExamScreenResult, ExamScreenConfig>((config, done) => {
  const { paper } = config;
  const [nav, setNav] = useState<ExamNav>(config.start);
  const [finished, setFinished] = useState<'submit' | 'timeout' | undefined>(undefined);
  const [, setTick] = useState(0);
  const [warning, setWarning] = useState<number | undefined>(config.warned.length ? Math.min(...config.warned) : undefined);
  const current = useRef(nav);
  current.current = nav;
  const warned = useRef<number[]>([...config.warned]);
  const view = useRef({ offset: 0, anchor: '', height: 10 });
  const [notices, setNotices] = useState<readonly string[]>(config.notices ?? []);
  const { width, rows } = screenSize();

  // The clock: a tick every second redraws the time left, gives the warnings and ends the exam
  // at zero. The time is read from the command's clock each tick, so no long timer is needed.
  useEffect(() => {
    const timer = setInterval(() => {
      const left = config.timeLeft();
      if (left <= 0) {
        clearInterval(timer);
        setFinished('timeout');
        done({ kind: 'timeout', nav: current.current });
        return;
      }
      const due = dueWarning(config.limitMs, left, warned.current);
      if (due !== undefined) {
        warned.current = [...new Set([...warned.current, ...warningsUpTo(due, config.limitMs)])];
        config.onWarning(warned.current);
        setWarning(due);
      }
      setTick((t) => t + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  useKeypress((key) => {
    if (finished) return;
    if (notices.length) setNotices([]);
    const action = actionFor(nav.screen, keyOf(key));
    if (action === undefined) return;
    if (action === 'submit') {
      setFinished('submit');
      done({ kind: 'submit', nav });
      return;
    }
    const page = Math.max(1, view.current.height - 2);
    if (action === 'pageUp' || action === 'pageDown') {
      if (nav.screen === 'question') {
        view.current.offset = Math.max(0, view.current.offset + (action === 'pageUp' ? -page : page));
        setTick((t) => t + 1);
      } else setNav(reduceExam(paper, nav, { kind: 'reviewCursor', delta: action === 'pageUp' ? -page : page }));
      return;
    }
    const next = reduceExam(paper, nav, action);
    // The arrows past the first or last row scroll the question, so everything can be read with them.
    if (nav.screen === 'question' && action.kind === 'cursor' && next.cursor === nav.cursor) {
      view.current.offset = action.delta < 0 ? 0 : view.current.offset + page;
      setTick((t) => t + 1);
    }
    setNav(next);
    if (next.answers !== nav.answers || next.flags !== nav.flags || next.current !== nav.current || next.screen !== nav.screen) config.onChange(next);
  });

  const total = paper.presentations.length;
  const counts = reviewCounts(paper, nav);
  const left = formatClock(config.timeLeft());
  const clock = warning !== undefined ? chalk.yellow.bold(`⏱ ${left} left`) : `⏱ ${left} left`;
  const title = nav.screen === 'question' ? `Question ${nav.current + 1}/${total}` : 'Review';
  const header = [
    ...joinFitting([chalk.bold(title), clock, `${counts.answered}/${total} answered`, `${counts.flagged} flagged`], ' · ', width).split('\n'),
    ...notices.flatMap((n) => wrapText(n, width).split('\n').map((l) => chalk.yellow(l))),
  ];

  // The review screen's frame, laid out before its list so the list gets the rows that are left.
  // Hooks run in the same order on every render, so the list is laid out even when hidden.
  const reviewTop = [
    ...header,
    ...wrapText(
      counts.open
        ? `${counts.open} not answered (they count as wrong). The cursor starts on the first one; ⏎ opens a question.`
        : 'Every question is answered. ⏎ opens a question to check it again.',
      width,
    ).split('\n'),
    '',
  ];
  const submitWarnings = [counts.open ? `${counts.open} unanswered (scored as wrong)` : '', counts.flagged ? `${counts.flagged} flagged` : ''].filter(Boolean).join(', ');
  const reviewFooter =
    nav.screen === 'confirm'
      ? ['', ...wrapText(chalk.bold(`Submit the exam now?${submitWarnings ? ` ${submitWarnings}.` : ''} No changes after that.`), width).split('\n'), ...keyBar([{ key: 'y', label: 'submit' }, { key: 'n/esc', label: 'keep working' }], width)]
      : [
          '',
          nav.notice ? chalk.yellow(oneLine(nav.notice, width)) : '',
          ...keyBar(
            [
              { key: '↑↓', label: 'move' },
              { key: '⏎', label: 'open' },
              { key: 's', label: 'submit' },
              { key: 'm', label: 'flag' },
              { key: 'esc', label: 'back to question' },
              { key: 'ctrl+c', label: 'pause' },
            ],
            width,
          ),
        ];
  const listHeight = Math.max(3, rows - 1 - reviewTop.length - reviewFooter.length);
  const numberWidth = String(total).length;
  const list = usePagination({
    items: [...paper.presentations.map((p, i) => ({ p: p as Presentation | undefined, i })), { p: undefined, i: total }],
    active: Math.min(nav.reviewCursor, total),
    pageSize: listHeight,
    loop: false,
    renderItem({ item, isActive }) {
      const pointer = isActive ? chalk.cyan('❯ ') : '  ';
      if (!item.p) return `${pointer}${chalk.bold('Submit the exam')}`;
      const id = item.p.question.id;
      const flag = nav.flags.has(id) ? chalk.yellow('⚑') : ' ';
      const label = `${pointer}${String(item.i + 1).padStart(numberWidth)}. ${statusLabel(nav, id)} ${flag} `;
      const text = oneLine(escapeText(item.p.question.stem), Math.max(8, width - widthOf(label)));
      return `${label}${isActive ? chalk.bold(text) : text}`;
    },
  });

  if (finished) {
    return finished === 'timeout' ? chalk.red.bold('Time is up: the exam is submitted as it stands.') : chalk.bold('Exam submitted.');
  }
  if (nav.screen !== 'question') {
    view.current.height = listHeight;
    return [...reviewTop, list, ...reviewFooter].join('\n');
  }

  const p: Presentation = paper.presentations[nav.current]!;
  const flagged = nav.flags.has(p.question.id);
  const second = [questionGuide(paper, nav), flagged ? chalk.yellow('⚑ flagged') : '', warning !== undefined ? chalk.yellow.bold(`⏰ ${warning} minutes left`) : ''].filter(Boolean);
  const top = [...header, ...joinFitting(second, ' · ', width).split('\n'), ''];
  const footer = ['', nav.notice ? chalk.yellow(oneLine(nav.notice, width)) : '', ...keyBar(questionHints(paper, nav), width)];
  const height = Math.max(3, rows - 1 - top.length - footer.length);
  view.current.height = height;
  const body = questionBody(paper, nav, width);
  const anchor = `${nav.current}:${nav.cursor}:${isLocked(paper, nav, nav.current)}`;
  if (anchor !== view.current.anchor) {
    const sameQuestion = view.current.anchor.split(':')[0] === String(nav.current);
    const [from, to] = sameQuestion ? (body.rows[nav.cursor] ?? [0, 1]) : [0, 1];
    view.current.offset = scrollToShow(sameQuestion ? view.current.offset : 0, from, to, height);
    view.current.anchor = anchor;
  }
  const shown = windowOf(body.lines, view.current.offset, height);
  view.current.offset = shown.offset;
  return [...top, ...shown.shown, ...footer].join('\n');
});

// ---- the walk-through pager ------------------------------------------------------------------

export interface Page {
  /** A line naming the page ("Question 3 of 65 · Domain 2"). */
  readonly heading: string;
  readonly body: (width: number) => string;
}

export interface PagerConfig {
  readonly title: string;
  readonly pages: readonly Page[];
}

/**
 * A paged reader: one page at a time (the report, then a question with its explanation), each
 * kept inside the screen. ←→ between pages, ↑↓ and PgUp/PgDn inside a page, esc or q to leave.
 */
export const pagerScreen = createPrompt<void, PagerConfig>((config, done) => {
  const [page, setPage] = useState(0);
  const [offset, setOffset] = useState(0);
  const [closed, setClosed] = useState(false);
  const { width, rows } = screenSize();
  const total = config.pages.length;
  const current = config.pages[page]!;
  const hints = keyBar(
    [
      ...(total > 1 ? [{ key: '←→', label: 'previous/next' }] : []),
      { key: '↑↓', label: 'scroll' },
      { key: 'PgUp/PgDn', label: 'page' },
      { key: 'q/esc', label: 'close' },
    ],
    width,
  );
  const top = joinFitting([chalk.bold(config.title), current.heading], ' · ', width).split('\n');
  const height = Math.max(3, rows - 1 - top.length - 1 - hints.length - 1);
  const lines = current.body(width).split('\n');

  useKeypress((key) => {
    if (closed) return;
    const name = keyOf(key);
    if (name === 'escape' || name === 'q') {
      setClosed(true);
      done();
    } else if ((name === 'right' || name === 'n' || name === 'enter' || name === 'space') && page < total - 1) {
      setPage(page + 1);
      setOffset(0);
    } else if ((name === 'left' || name === 'p') && page > 0) {
      setPage(page - 1);
      setOffset(0);
    } else if ((name === 'enter' || name === 'space') && page === total - 1) {
      setClosed(true);
      done();
    } else if (name === 'down') setOffset(Math.min(offset + 1, Math.max(0, lines.length - height + 1)));
    else if (name === 'up') setOffset(Math.max(0, offset - 1));
    else if (name === 'pagedown') setOffset(Math.min(offset + height - 2, Math.max(0, lines.length - height + 1)));
    else if (name === 'pageup') setOffset(Math.max(0, offset - height + 2));
  });

  if (closed) return '';
  const shown = windowOf(lines, offset, height);
  return [...top, '', ...shown.shown, '', ...hints].join('\n');
});

// ---- the list of past exams ------------------------------------------------------------------

export interface PickConfig {
  readonly title: string;
  readonly lines: (width: number) => string[];
  readonly items: readonly string[];
}

/** Pick one line of a list (past exams): ↑↓ and ⏎, esc or q to leave (undefined). */
export const pickScreen = createPrompt<number | undefined, PickConfig>((config, done) => {
  const [active, setActive] = useState(Math.max(0, config.items.length - 1));
  const [closed, setClosed] = useState(false);
  const { width, rows } = screenSize();
  useKeypress((key) => {
    if (closed) return;
    const name = keyOf(key);
    if (name === 'up') setActive(Math.max(0, active - 1));
    else if (name === 'down') setActive(Math.min(config.items.length - 1, active + 1));
    else if (name === 'enter') {
      setClosed(true);
      done(active);
    } else if (name === 'escape' || name === 'q') {
      setClosed(true);
      done(undefined);
    }
  });
  const top = [chalk.bold(config.title), ...config.lines(width), ''];
  const hints = keyBar([{ key: '↑↓', label: 'move' }, { key: '⏎', label: 'open report' }, { key: 'q/esc', label: 'quit' }], width);
  const height = Math.max(3, rows - 1 - top.length - 1 - hints.length);
  const list = usePagination({
    items: config.items,
    active,
    pageSize: height,
    loop: false,
    renderItem: ({ item, isActive }) => `${isActive ? chalk.cyan('❯ ') : '  '}${oneLine(item, width - 2)}`,
  });
  if (closed) return '';
  return [...top, list, '', ...hints].join('\n');
});

