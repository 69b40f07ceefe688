import { correctIndices, type Answer, type Question } from '../bank/question.js';

/**
 * All-or-nothing, as on the real exam: every correct option and no other, every step in place,
 * every pair matched.
 */
export function grade(question: Question, answer: Answer): boolean {
  switch (question.type) {
    case 'single':
      return answer.type === 'single' && question.options[answer.choice]?.correct === true;
    case 'multiple': {
      if (answer.type !== 'multiple') return false;
      const chosen = new Set(answer.choices);
      const correct = correctIndices(question);
      return chosen.size === answer.choices.length && chosen.size === correct.length && correct.every((i) => chosen.has(i));
    }
    case 'ordering':
      return (
        answer.type === 'ordering' &&
        answer.order.length === question.steps.length &&
        answer.order.every((step, position) => step === position)
      );
    case 'matching':
      return (
        answer.type === 'matching' &&
        answer.picks.length === question.pairs.length &&
        question.pairs.every((pair, i) => answer.picks[i] === pair.answer)
      );
  }
}

/** The correct answer to a question, in the same form as a learner's answer. */
export function keyOf(question: Question): Answer {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: question.options.findIndex((o) => o.correct) };
    case 'multiple':
      return { type: 'multiple', choices: correctIndices(question) };
    case 'ordering':
      return { type: 'ordering', order: question.steps.map((_, i) => i) };
    case 'matching':
      return { type: 'matching', picks: question.pairs.map((p) => p.answer) };
  }
}
