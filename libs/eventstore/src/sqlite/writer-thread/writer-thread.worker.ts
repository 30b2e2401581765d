// Entry of a WriterThread's worker: loads the writer module named in workerData and runs each batch
// the parent posts, replying once the batch's transaction is committed (or failed as a whole).
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchReply, encodeError, type RequestOutcome, type WriterModule } from './writer-protocol';

interface Data {
  readonly module: string;
  readonly options: unknown;
}

const data = workerData as Data;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named at run time
const writerModule = require(data.module) as WriterModule<unknown, unknown, unknown>;
const writer = writerModule.createBatchWriter(data.options);
const encode = writerModule.encodeError ?? encodeError;
const port = parentPort!;

const outcome = (r: unknown): RequestOutcome<unknown> => (r instanceof Error ? { ok: false, error: encode(r) } : { ok: true, value: r });

port.on('message', (message: readonly unknown[] | 'close') => {
  if (message === 'close') {
    writer.close();
    port.close();
    return;
  }
  let reply: BatchReply<unknown>;
  try {
    reply = { results: writer.write(message).map(outcome) };
  } catch (error) {
    reply = { failed: encode(error instanceof Error ? error : new Error(String(error))) };
  }
  port.postMessage(reply);
});
