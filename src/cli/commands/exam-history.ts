import { ProgressStore } from '../../progress/store.js';
import { renderHistory } from './exam-report.js';

/** Past mock exams: date, score, pass or fail, and how each domain went. */
export function examHistory(options: { dataDir: string; json: boolean }): void {
  const exams = new ProgressStore(options.dataDir).load().exams;
  if (options.json) {
    console.log(JSON.stringify({ exams: exams.map(({ questionIds: _ids, ...rest }) => rest) }, null, 2));
    return;
  }
  console.log(renderHistory(exams));
}
