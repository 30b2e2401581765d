import type { Provenance } from '../account/account.events';

/**
 * What the points service observed of another service's event, kept so a draft rule set can be
 * re-run over history (what-if): the type, id and time of the source, its payload (the recipient
 * fields and whatever a rule's `when` reads), and what it may retract or be retracted by. One
 * stream per source event (`source-<eventId>`), so a redelivery records nothing more.
 * Internal: never published.
 */
export const SOURCE_STREAM_PREFIX = 'source-';
export const sourceStream = (sourceEventId: string): string => `${SOURCE_STREAM_PREFIX}${sourceEventId}`;

export interface SourceObservedData {
  readonly sourceEventId: string;
  readonly sourceType: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** An earning source: the keys a later retraction names (`proposal:<id>`, `invitation:<id>`). */
  readonly retractKeys: readonly string[];
  /** A retracting source: the keys it retracts, each with the account it applies to. */
  readonly retracts: readonly { readonly key: string; readonly expertId: string }[];
  readonly provenance?: Provenance;
}

export type SourceEvent = { readonly type: 'SourceObserved'; readonly data: SourceObservedData };
export type SourceCommand = { readonly type: 'ObserveSource'; readonly data: SourceObservedData };

export const sourceDecider = {
  initialState: { observed: false } as { readonly observed: boolean },
  decide: (cmd: SourceCommand, s: { readonly observed: boolean }): SourceEvent[] => (s.observed ? [] : [{ type: 'SourceObserved', data: cmd.data }]),
  evolve: (_s: { readonly observed: boolean }, e: SourceEvent): { readonly observed: boolean } => ({ observed: e.type === 'SourceObserved' }),
};
