import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import { loadSummaries, type BankOptions } from '../banks.js';

/** The five domains with weights, task statements and question counts. */
export async function domains(options: BankOptions & { json?: boolean }): Promise<void> {
  const questions = await loadSummaries(options);
  const count = (match: (q: (typeof questions)[number]) => boolean) => questions.filter(match).length;
  const data = {
    total: questions.length,
    domains: DOMAINS.map((d) => ({
      id: d.id,
      title: d.title,
      weight: d.weight,
      questions: count((q) => q.domain === d.id),
      tasks: d.tasks.map((t) => ({ id: t.id, title: t.title, questions: count((q) => q.task === t.id) })),
    })),
  };
  if (options.json) {
    console.log(JSON.stringify(data, null, 2));
    return;
  }
  for (const d of data.domains) {
    console.log(chalk.bold(`Domain ${d.id}: ${d.title}`) + chalk.dim(`  ${d.weight}% of the exam · ${d.questions} questions`));
    for (const t of d.tasks) console.log(`  ${t.id}  ${String(t.questions).padStart(4)}  ${t.title}`);
  }
  console.log(chalk.dim(`\n${data.total} questions in all.`));
}
