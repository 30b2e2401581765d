import { Headers } from '@hope/contracts';
import { deterministicUuid, IllegalStateError, type AggregateHandler } from '@hope/kernel';
import type { DeadLetterNote, IncomingMessage } from '@hope/messaging';
import type { DeadLetter, DeadLetterCommand, DeadLetterEvent } from './dead-letter.aggregate';

type DeadLetters = AggregateHandler<DeadLetter, DeadLetterCommand, DeadLetterEvent>;

/** One letter per (group, topic, partition, offset): the same message given up on twice is one letter. */
export const letterIdOf = (note: Pick<DeadLetterNote, 'groupId'> & { message: Pick<IncomingMessage, 'topic' | 'partition' | 'offset'> }): string =>
  deterministicUuid('dead-letter', note.groupId, note.message.topic, String(note.message.partition), note.message.offset);

/** Records a dead letter in the service's store; true when it is new (for the dead-letter counter). */
export async function recordDeadLetter(letters: DeadLetters, note: DeadLetterNote, now: Date): Promise<boolean> {
  const { message } = note;
  const letterId = letterIdOf(note);
  const eventId = message.headers[Headers.eventId];
  const eventType = message.headers[Headers.eventType];
  const outcome = await letters.handle(
    letterId,
    {
      type: 'RecordDeadLetter',
      data: {
        letterId,
        groupId: note.groupId,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers,
        ...(eventId ? { eventId } : {}),
        ...(eventType ? { eventType } : {}),
        error: note.error,
        kind: note.kind,
        attempts: note.attempts,
      },
      metadata: { now },
    },
    { commandId: letterId, ...(message.headers[Headers.correlationId] ? { correlationId: message.headers[Headers.correlationId] } : {}) },
    { wait: false },
  );
  return outcome.appended > 0;
}

export interface ReplayDeps {
  readonly letters: DeadLetters;
  /** Runs the service's handler for the message, as the consumer would (decode, upcast, handle). */
  readonly dispatch: (message: IncomingMessage) => Promise<void>;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * Replays a dead letter through the same handler. Success marks it replayed (a second replay is a
 * no-op); a failure is recorded on the letter and answered 422 with the handler's error, so the
 * operator sees why it still fails.
 */
export async function replayDeadLetter(deps: ReplayDeps, letterId: string, by: string): Promise<DeadLetter> {
  const current = await deps.letters.load(letterId);
  if (current.status !== 'open') {
    return (await deps.letters.handle(letterId, { type: 'MarkReplayed', data: { letterId, by }, metadata: { now: deps.now() } }, { commandId: `${letterId}:replayed` })).state;
  }
  const { letter } = current;
  try {
    await deps.dispatch({ topic: letter.topic, partition: letter.partition, offset: letter.offset, key: letter.key, value: letter.value, headers: letter.headers, attempt: 1 });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await deps.letters.handle(letterId, { type: 'RecordReplayFailure', data: { letterId, by, error: text.slice(0, 2_000) }, metadata: { now: deps.now() } }, { commandId: deps.newId() });
    throw new IllegalStateError('DEAD_LETTER.REPLAY_FAILED', `The handler failed again: ${text.slice(0, 500)}`, { status: 422 });
  }
  return (await deps.letters.handle(letterId, { type: 'MarkReplayed', data: { letterId, by }, metadata: { now: deps.now() } }, { commandId: `${letterId}:replayed` })).state;
}
