import { parentPort, workerData } from 'node:worker_threads';
import { forWorker } from './load.js';
import { parseBank } from './parse.js';

/** Parses the bank files it is given and sends back the results: see loadBanksParallel. */
const sources = workerData as { file: string; text: string }[];
parentPort!.postMessage(sources.map((s) => forWorker(parseBank(s.file, s.text))));
