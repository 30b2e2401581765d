/**
 * The in-process bus's durable state in one SQLite file: each topic's partitioned log and each consumer
 * group's committed offsets. Everything the bus promises across a restart lives here.
 */
import Database from 'better-sqlite3';
import { MessageHeaders, OutgoingMessage } from '../bus.port';
import { partitionForKey } from './partition-for-key';

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

const SCHEMA = `
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

export class SqliteLog {
  private readonly db: Database.Database;
  private readonly partitionCounts = new Map<string, number>();
  private readonly statements;

  constructor(file: string, private readonly defaultPartitions: number) {
    this.db = new Database(file);
    // WAL: readers never block the writer. Offset commits run at NORMAL (a power loss may replay a few
    // messages: duplicates, which consumers absorb); appends run at FULL (see `durably`), because the
    // relay has already checkpointed what it published and a lost message would be lost for good.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      topic: this.db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topics WHERE topic = ?'),
      insertTopic: this.db.prepare('INSERT OR IGNORE INTO bus_topics (topic, partitions) VALUES (?, ?)'),
      insertPartition: this.db.prepare(
        'INSERT OR IGNORE INTO bus_partitions (topic, partition, next_offset) VALUES (?, ?, 0)',
      ),
      nextOffset: this.db.prepare<[string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_partitions WHERE topic = ? AND partition = ?',
      ),
      setNextOffset: this.db.prepare('UPDATE bus_partitions SET next_offset = ? WHERE topic = ? AND partition = ?'),
      insertMessage: this.db.prepare(
        'INSERT INTO bus_messages (topic, partition, offset, key, value, headers) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      fetch: this.db.prepare<[string, number, number, number], MessageRow>(
        'SELECT offset, key, value, headers FROM bus_messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
      ),
      committed: this.db.prepare<[string, string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_group_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
      ),
      commit: this.db.prepare(
        `INSERT INTO bus_group_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      ),
    };
  }

  /** Creates the topic if missing; returns its partition count (fixed at creation, like Kafka's). */
  ensureTopic(topic: string): number {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const partitions = this.db.transaction((): number => {
      this.statements.insertTopic.run(topic, this.defaultPartitions);
      const row = this.statements.topic.get(topic);
      const count = row?.partitions ?? this.defaultPartitions;
      for (let p = 0; p < count; p++) this.statements.insertPartition.run(topic, p);
      return count;
    })();
    this.partitionCounts.set(topic, partitions);
    return partitions;
  }

  /** Appends in one transaction: all of `messages` are durable, or none. */
  append(topic: string, messages: readonly OutgoingMessage[]): void {
    if (!this.db.inTransaction) return this.durably(() => this.appendInTransaction(topic, messages));
    this.appendInTransaction(topic, messages);
  }

  /** fsync on commit for this write; the safety level cannot change inside a transaction. */
  private durably<T>(write: () => T): T {
    this.db.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private appendInTransaction(topic: string, messages: readonly OutgoingMessage[]): void {
    const partitions = this.ensureTopic(topic);
    this.db.transaction(() => {
      const next = new Map<number, number>();
      for (const message of messages) {
        const partition = partitionForKey(message.key, partitions);
        const offset = next.get(partition) ?? this.statements.nextOffset.get(topic, partition)?.next_offset ?? 0;
        this.statements.insertMessage.run(
          topic,
          partition,
          offset,
          message.key,
          message.value,
          JSON.stringify(message.headers ?? {}),
        );
        next.set(partition, offset + 1);
      }
      for (const [partition, offset] of next) this.statements.setNextOffset.run(offset, topic, partition);
    })();
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

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.statements.commit.run(groupId, topic, partition, nextOffset);
  }

  /** Dead letter and offset in one transaction: the message is either dead-lettered and skipped, or neither. */
  deadLetterAndCommit(
    groupId: string,
    from: { readonly topic: string; readonly partition: number; readonly nextOffset: number },
    dlqTopic: string,
    message: OutgoingMessage,
  ): void {
    this.ensureTopic(dlqTopic);
    this.durably(() =>
      this.db.transaction(() => {
        this.append(dlqTopic, [message]);
        this.commit(groupId, from.topic, from.partition, from.nextOffset);
      })(),
    );
  }

  close(): void {
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
