import { DOMAINS } from '../../bank/catalogue.js';
import { reviewPlan } from '../../progress/derive.js';
import { openStore } from '../store.js';
import { loadSummaries, type BankOptions } from '../banks.js';
import { choose } from '../prompts.js';
import { ExamStateFile } from '../../progress/exam-state.js';
import { formatClock } from '../../engine/exam.js';
import { requireTerminal } from '../terminal.js';
import { practice } from './practice.js';
import { review } from './review.js';

type Choice = 'domain' | 'task' | 'review' | 'exam' | 'resume' | 'stats' | 'quit';

/** The front door: a menu that offers only what exists and leads into the other flows. */
export async function start(options: BankOptions & { dataDir: string }): Promise<void> {
  const questions = await loadSummaries(options);
  requireTerminal('start');
  const store = openStore(options.dataDir);
  const plan = reviewPlan(store.load(), new Set(questions.map((q) => q.id)), new Date(), false);
  const toReview = plan.due.length + plan.wrong.length;

  const items: { name: string; value: Choice }[] = [
    { name: 'Practise a domain', value: 'domain' },
    { name: 'Practise a task statement', value: 'task' },
  ];
  if (toReview > 0) items.push({ name: `Review: ${plan.due.length} due today, ${plan.wrong.length} more answered wrong`, value: 'review' });
  const unfinished = new ExamStateFile(options.dataDir).load();
  if (unfinished) {
    const answered = Object.keys(unfinished.answers).length;
    items.push({ name: `Resume the mock exam (${answered}/${unfinished.questionIds.length} answered, ${formatClock(unfinished.limitMs - unfinished.usedMs)} left)`, value: 'resume' });
  }
  items.push({ name: 'Take a timed mock exam (65 questions, 90 minutes)', value: 'exam' });
  items.push({ name: 'See how ready you are', value: 'stats' });
  items.push({ name: 'Quit', value: 'quit' });
  const picked = await choose(`aif-quiz: ${questions.length} questions. What would you like to do?`, items);

  switch (picked) {
    case 'domain':
      return practice(options);
    case 'task': {
      const task = await choose(
        'Which task statement?',
        DOMAINS.flatMap((d) => d.tasks)
          .map((t) => ({ t, n: questions.filter((q) => q.task === t.id).length }))
          .filter(({ n }) => n > 0)
          .map(({ t, n }) => ({ name: `${t.id} ${t.title} (${n})`, value: t.id })),
      );
      return practice({ ...options, task });
    }
    case 'review':
      return review(options);
    case 'exam':
    case 'resume': {
      const { exam } = await import('./exam.js');
      return exam({ ...options, resume: picked === 'resume' });
    }
    case 'stats': {
      const { stats } = await import('./stats.js');
      return stats(options);
    }
    case 'quit':
      return;
  }
}
