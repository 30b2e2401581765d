/**
 * The in-process bus's durable state in one SQLite file: each topic's partitioned log and each consumer
 * group's committed offsets. Everything the bus promises across a restart lives here. Reads run on this
 * thread's connection; writes (and the append's fsync) go to a writer thread (log-writes.ts), grouped,
 * so the event loop never waits for the disk. A `:memory:` log writes on its own connection.
 */
import type Database from 'better-sqlite3';
import { InlineWriter, WriterThread, type Writer } from '@hope/eventstore';
import { MessageHeaders, OutgoingMessage } from '../bus.port';
import { LOG_WRITER_MODULE, LogWrites, openLogDatabase, type LogWrite, type LogWriterOptions } from './log-writes';

export interface StoredMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
  readonly headers: MessageHeaders;
}

interface MessageRow {
  offset: number;
  key: string;
  value: string;
  headers: string;
}

export class SqliteLog {
  private readonly db: Database.Database;
  /** This connection's writes: topic creation (rare, synchronous), and every write of a `:memory:` log. */
  private readonly local: LogWrites;
  private readonly writer: Writer<LogWrite, undefined>;
  private readonly statements;

  constructor(file: string, defaultPartitions: number) {
    this.db = openLogDatabase(file);
    this.local = new LogWrites(this.db, defaultPartitions);
    const options: LogWriterOptions = { file, defaultPartitions };
    this.writer = file === ':memory:' ? new InlineWriter(this.local) : new WriterThread({ module: LOG_WRITER_MODULE, options });
    this.statements = {
      topic: this.db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topics WHERE topic = ?'),
      nextOffset: this.db.prepare<[string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_partitions WHERE topic = ? AND partition = ?',
      ),
      fetch: this.db.prepare<[string, number, number, number], MessageRow>(
        'SELECT offset, key, value, headers FROM bus_messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
      ),
      committed: this.db.prepare<[string, string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_group_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
      ),
    };
  }

  /** Creates the topic if missing; returns its partition count (fixed at creation, like Kafka's). */
  ensureTopic(topic: string): number {
    return this.local.ensureTopic(topic);
  }

  /** Appends in one transaction: all of `messages` are durable (fsynced), or none, when this resolves. */
  async append(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.ensureTopic(topic);
    await this.writer.submit({ kind: 'append', topic, messages });
  }

  fetch(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    return this.statements.fetch.all(topic, partition, fromOffset, limit).map((row) => ({
      topic,
      partition,
      offset: row.offset,
      key: row.key,
      value: row.value,
      headers: parseHeaders(row.headers),
    }));
  }

  endOffset(topic: string, partition: number): number {
    return this.statements.nextOffset.get(topic, partition)?.next_offset ?? 0;
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    return this.statements.committed.get(groupId, topic, partition)?.next_offset;
  }

  /** Messages after the group's committed offset, per partition of the topic (index = partition). */
  lag(groupId: string, topic: string): number[] {
    const partitions = this.statements.topic.get(topic)?.partitions ?? 0;
    return Array.from({ length: partitions }, (_, p) => this.endOffset(topic, p) - (this.committed(groupId, topic, p) ?? 0));
  }

  commit(groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    return this.writer.submit({ kind: 'commit', groupId, topic, partition, nextOffset });
  }

  /** Dead letter and offset in one transaction: the message is either dead-lettered and skipped, or neither. */
  async deadLetterAndCommit(
    groupId: string,
    from: { readonly topic: string; readonly partition: number; readonly nextOffset: number },
    dlqTopic: string,
    message: OutgoingMessage,
  ): Promise<void> {
    this.ensureTopic(dlqTopic);
    await this.writer.submit({ kind: 'dead-letter', groupId, from, dlqTopic, message });
  }

  /** Writes already submitted are committed first. */
  async close(): Promise<void> {
    await this.writer.close();
    this.db.close();
  }
}

function parseHeaders(json: string): MessageHeaders {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null) return {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') headers[name] = value;
  return headers;
}
