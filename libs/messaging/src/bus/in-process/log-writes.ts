/**
 * The bus log's writes: appends (fsynced: the relay has already checkpointed what it published), offset
 * commits (not fsynced: a power loss may replay a few messages, which consumers absorb) and a dead letter
 * with its offset. One batch is one transaction; it is fsynced when it holds an append. Runs in the bus's
 * writer thread (createBatchWriter) or, for a `:memory:` log, on the log's own connection.
 */
import Database from 'better-sqlite3';
import type { BatchWriter } from '@hope/eventstore';
import type { OutgoingMessage } from '../bus.port';
import { partitionForKey } from './partition-for-key';

export type LogWrite =
  | { readonly kind: 'append'; readonly topic: string; readonly messages: readonly OutgoingMessage[] }
  | { readonly kind: 'commit'; readonly groupId: string; readonly topic: string; readonly partition: number; readonly nextOffset: number }
  | {
      readonly kind: 'dead-letter';
      readonly groupId: string;
      readonly from: { readonly topic: string; readonly partition: number; readonly nextOffset: number };
      readonly dlqTopic: string;
      readonly message: OutgoingMessage;
    };

export interface LogWriterOptions {
  readonly file: string;
  readonly defaultPartitions: number;
}

/** Path of this module for WriterThread (without extension: .ts from sources, .js from dist). */
export const LOG_WRITER_MODULE = __filename.replace(/\.[jt]s$/, '');

export const LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS bus_topics (
    topic TEXT PRIMARY KEY,
    partitions INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bus_partitions (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS bus_messages (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    headers TEXT NOT NULL,
    PRIMARY KEY (topic, partition, offset)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS bus_group_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
  ) WITHOUT ROWID;
`;

/** WAL: readers never block the writer. NORMAL by default; a batch with an append runs at FULL. */
export function openLogDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(LOG_SCHEMA);
  return db;
}

export class LogWrites implements BatchWriter<LogWrite, undefined> {
  private readonly partitionCounts = new Map<string, number>();
  private readonly s;
  private readonly batchTx: (batch: readonly LogWrite[]) => (undefined | Error)[];

  constructor(
    private readonly db: Database.Database,
    private readonly defaultPartitions: number,
  ) {
    this.s = {
      topic: db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topics WHERE topic = ?'),
      insertTopic: db.prepare('INSERT OR IGNORE INTO bus_topics (topic, partitions) VALUES (?, ?)'),
      insertPartition: db.prepare('INSERT OR IGNORE INTO bus_partitions (topic, partition, next_offset) VALUES (?, ?, 0)'),
      nextOffset: db.prepare<[string, number], { next_offset: number }>('SELECT next_offset FROM bus_partitions WHERE topic = ? AND partition = ?'),
      setNextOffset: db.prepare('UPDATE bus_partitions SET next_offset = ? WHERE topic = ? AND partition = ?'),
      insertMessage: db.prepare('INSERT INTO bus_messages (topic, partition, offset, key, value, headers) VALUES (?, ?, ?, ?, ?, ?)'),
      commit: db.prepare(
        `INSERT INTO bus_group_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      ),
    };
    // Each write in its own SAVEPOINT (nested transaction): one that fails rolls back alone.
    const one = db.transaction((w: LogWrite) => this.apply(w));
    this.batchTx = db.transaction((batch: readonly LogWrite[]) =>
      batch.map((w) => {
        try {
          one(w);
          return undefined;
        } catch (error) {
          if (error instanceof Error) return error;
          throw error;
        }
      }),
    );
  }

  /** Creates the topic if missing; returns its partition count (fixed at creation, like Kafka's). */
  ensureTopic(topic: string): number {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const partitions = this.db.transaction((): number => {
      this.s.insertTopic.run(topic, this.defaultPartitions);
      const count = this.s.topic.get(topic)?.partitions ?? this.defaultPartitions;
      for (let p = 0; p < count; p++) this.s.insertPartition.run(topic, p);
      return count;
    })();
    this.partitionCounts.set(topic, partitions);
    return partitions;
  }

  write(batch: readonly LogWrite[]): (undefined | Error)[] {
    // fsync on commit when the batch appends; the safety level cannot change inside a transaction.
    const durable = batch.some((w) => w.kind !== 'commit');
    if (durable) this.db.pragma('synchronous = FULL');
    try {
      return this.batchTx(batch);
    } finally {
      if (durable) this.db.pragma('synchronous = NORMAL');
    }
  }

  close(): void {
    this.db.close();
  }

  private apply(w: LogWrite): void {
    switch (w.kind) {
      case 'append':
        return this.append(w.topic, w.messages);
      case 'commit':
        return void this.s.commit.run(w.groupId, w.topic, w.partition, w.nextOffset);
      case 'dead-letter':
        this.append(w.dlqTopic, [w.message]);
        return void this.s.commit.run(w.groupId, w.from.topic, w.from.partition, w.from.nextOffset);
    }
  }

  private append(topic: string, messages: readonly OutgoingMessage[]): void {
    const partitions = this.ensureTopic(topic);
    const next = new Map<number, number>();
    for (const message of messages) {
      const partition = partitionForKey(message.key, partitions);
      const offset = next.get(partition) ?? this.s.nextOffset.get(topic, partition)?.next_offset ?? 0;
      this.s.insertMessage.run(topic, partition, offset, message.key, message.value, JSON.stringify(message.headers ?? {}));
      next.set(partition, offset + 1);
    }
    for (const [partition, offset] of next) this.s.setNextOffset.run(offset, topic, partition);
  }
}

/** Runs in the writer thread: its own connection to the log file. */
export function createBatchWriter(options: LogWriterOptions): LogWrites {
  return new LogWrites(openLogDatabase(options.file), options.defaultPartitions);
}
