import { safeJson } from '../escape.js';
import { DOMAINS } from '../../bank/catalogue.js';
import { loadSummaries, type BankOptions } from '../banks.js';
import { terminalWidth } from '../terminal.js';

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
    console.log(safeJson(data, 2));
    return;
  }
  // The wrapping code loads only for the text screen: `domains --json` is what scripts call.
  const { renderDomains } = await import('../render-domains.js');
  console.log(renderDomains(data, terminalWidth()));
}

