// Entry of a WriterThread's worker: loads the writer module named in workerData and runs each batch
// the parent posts, replying once the batch's transaction is committed (or failed as a whole).
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchReply, type BatchWriter, encodeError } from './writer-protocol';

interface Data {
  readonly module: string;
  readonly options: unknown;
}

const data = workerData as Data;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named at run time
const writer = (require(data.module) as { createBatchWriter(o: unknown): BatchWriter<unknown, unknown> }).createBatchWriter(data.options);
const port = parentPort!;

port.on('message', (message: readonly unknown[] | 'close') => {
  if (message === 'close') {
    writer.close();
    port.close();
    return;
  }
  let reply: BatchReply<unknown>;
  try {
    reply = { results: writer.write(message) };
  } catch (error) {
    reply = { failed: encodeError(error) };
  }
  port.postMessage(reply);
});
