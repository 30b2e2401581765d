import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriterThread, WriterThreadFailed } from '@hope/eventstore';
import { LOG_WRITER_MODULE, type LogWrite, type LogWriterOptions } from '../src/bus/in-process/log-writes';
import { SqliteLog } from '../src/bus/in-process/sqlite-log';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The in-process bus writes its log in a writer thread. A publish in flight when that thread dies is
 * failed to the publisher (the relay then republishes from its checkpoint), never reported done, and
 * never leaves part of its batch in the log.
 */
describe('in-process bus log: the writer thread dies', () => {
  let dir: string;
  let log: SqliteLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bus-writer-'));
    log = new SqliteLog(join(dir, 'bus.sqlite'), 3);
    log.ensureTopic('t');
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a 20,000-message append in flight, when the thread is terminated, then the publisher is failed and the log holds all of it or none', async () => {
    const options: LogWriterOptions = { file: join(dir, 'bus.sqlite'), defaultPartitions: 3 };
    const writer = new WriterThread<LogWrite, undefined>({ module: LOG_WRITER_MODULE, options });
    const messages = Array.from({ length: 20_000 }, (_, i) => ({ key: `k-${i % 7}`, value: `v-${i}` }));
    const inFlight = writer.submit({ kind: 'append', topic: 't', messages });
    await nextTurn();
    await writer.thread!.terminate();

    await expect(inFlight).rejects.toBeInstanceOf(WriterThreadFailed);
    const stored = [0, 1, 2].reduce((n, p) => n + log.endOffset('t', p), 0);
    expect([0, messages.length]).toContain(stored);

    await writer.submit({ kind: 'append', topic: 't', messages: [{ key: 'k', value: 'after' }] });
    expect([0, 1, 2].reduce((n, p) => n + log.endOffset('t', p), 0)).toBe(stored + 1);
    await writer.close();
  });
});
