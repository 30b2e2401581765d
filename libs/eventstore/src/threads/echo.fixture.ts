// A thread for source-worker.int.spec.ts: TypeScript syntax and a workspace alias, answered back to the parent.
import { parentPort } from 'node:worker_threads';
import { comparePositions } from '@hope/eventstore';

const answer: { execArgv: string[]; compared: number } = { execArgv: process.execArgv, compared: comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 2n }) };
parentPort!.postMessage(answer);
