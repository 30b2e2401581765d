import { aggregate, IllegalStateError, NotFoundError } from '@hope/kernel';

/**
 * A message this service's consumer group gave up on, recorded in the service's own store so an
 * operator sees it (GET /ops/dead-letters, `hope dlq list`) and replays it once its cause is fixed.
 * Replaying runs the same handler again; handlers are idempotent, so a replay has its effect once.
 */
export interface DeadLetterData {
  readonly letterId: string;
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly error: string;
  readonly kind: 'non-retriable' | 'retries-exhausted';
  readonly attempts: number;
}

export type DeadLetterEvent =
  | { type: 'DeadLetterRecorded'; data: DeadLetterData & { recordedAt: string } }
  | { type: 'DeadLetterReplayed'; data: { letterId: string; by: string; replayedAt: string } }
  | { type: 'DeadLetterReplayFailed'; data: { letterId: string; by: string; error: string; failedAt: string } };

export type DeadLetterCommand =
  | { type: 'RecordDeadLetter'; data: DeadLetterData; metadata: { now: Date } }
  | { type: 'MarkReplayed'; data: { letterId: string; by: string }; metadata: { now: Date } }
  | { type: 'RecordReplayFailure'; data: { letterId: string; by: string; error: string }; metadata: { now: Date } };

export type DeadLetter =
  | { status: 'absent' }
  | { status: 'open' | 'replayed'; letter: DeadLetterData; recordedAt: string; replayedAt?: string; lastReplayError?: string };

export const initialState: DeadLetter = { status: 'absent' };

const decide = (cmd: DeadLetterCommand, s: DeadLetter): DeadLetterEvent[] => {
  const at = cmd.metadata.now.toISOString();
  switch (cmd.type) {
    case 'RecordDeadLetter':
      // The same message given up on again (a redelivery) is the same letter.
      return s.status === 'absent' ? [{ type: 'DeadLetterRecorded', data: { ...cmd.data, recordedAt: at } }] : [];
    case 'MarkReplayed':
      if (s.status === 'absent') throw new NotFoundError('DEAD_LETTER.NOT_FOUND', `No dead letter ${cmd.data.letterId}`);
      return s.status === 'replayed' ? [] : [{ type: 'DeadLetterReplayed', data: { ...cmd.data, replayedAt: at } }];
    case 'RecordReplayFailure':
      if (s.status === 'absent') throw new NotFoundError('DEAD_LETTER.NOT_FOUND', `No dead letter ${cmd.data.letterId}`);
      if (s.status === 'replayed') throw new IllegalStateError('DEAD_LETTER.ALREADY_REPLAYED', `Dead letter ${cmd.data.letterId} was replayed already`);
      return [{ type: 'DeadLetterReplayFailed', data: { ...cmd.data, failedAt: at } }];
  }
};

const evolve = (s: DeadLetter, e: DeadLetterEvent): DeadLetter => {
  switch (e.type) {
    case 'DeadLetterRecorded': {
      const { recordedAt, ...letter } = e.data;
      return { status: 'open', letter, recordedAt };
    }
    case 'DeadLetterReplayed':
      return s.status === 'absent' ? s : { ...s, status: 'replayed', replayedAt: e.data.replayedAt };
    case 'DeadLetterReplayFailed':
      return s.status === 'absent' ? s : { ...s, lastReplayError: e.data.error };
    default:
      return s;
  }
};

export const DEAD_LETTER_STREAM_PREFIX = 'deadletter-';

export const deadLetters = aggregate<DeadLetter, DeadLetterCommand, DeadLetterEvent>({
  name: 'platform.dead-letter',
  streamOf: (letterId) => `${DEAD_LETTER_STREAM_PREFIX}${letterId}`,
  decider: { decide, evolve, initialState },
  handlerNames: { RecordDeadLetter: 'platform.dead-letter.record', MarkReplayed: 'platform.dead-letter.replayed', RecordReplayFailure: 'platform.dead-letter.replay-failed' },
});
