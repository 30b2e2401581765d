import type {
  PointsAdjustedV1,
  PointsEarnedV1,
  PointsExpiredV1,
  PointsReservedV1,
  PointsReversedV1,
  PointsUnlockedV1,
  ReservationCapturedV1,
  ReservationReleasedV1,
  TierChangedV1,
} from '@hope/contracts';

/**
 * The account's events. Movements share their payload with the published contract (one shape, versioned
 * in libs/contracts); EarningDeclined stays private: it explains a source event that earned nothing
 * (a limit, a retracted source) and makes its redelivery a visible no-op.
 */
export const DECLINE_REASONS = ['limit-day', 'limit-week', 'limit-month', 'once-ever', 'source-retracted', 'budget-exhausted'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface EarningDeclinedData {
  expertId: string;
  ruleId: string;
  ruleVersion: number;
  sourceEventId: string;
  sourceType: string;
  reason: DeclineReason;
  at: string;
}

export type AccountEvent =
  | { readonly type: 'PointsEarned'; readonly data: PointsEarnedV1 }
  | { readonly type: 'EarningDeclined'; readonly data: EarningDeclinedData }
  | { readonly type: 'PointsUnlocked'; readonly data: PointsUnlockedV1 }
  | { readonly type: 'PointsReversed'; readonly data: PointsReversedV1 }
  | { readonly type: 'PointsReserved'; readonly data: PointsReservedV1 }
  | { readonly type: 'ReservationCaptured'; readonly data: ReservationCapturedV1 }
  | { readonly type: 'ReservationReleased'; readonly data: ReservationReleasedV1 }
  | { readonly type: 'PointsExpired'; readonly data: PointsExpiredV1 }
  | { readonly type: 'PointsAdjusted'; readonly data: PointsAdjustedV1 }
  | { readonly type: 'TierChanged'; readonly data: TierChangedV1 };

export type AccountEventType = AccountEvent['type'];

/** The events the relay publishes to hope.points.events (all but EarningDeclined), at contract v1. */
export const PUBLISHED_EVENT_TYPES: ReadonlySet<string> = new Set<AccountEventType>([
  'PointsEarned',
  'PointsUnlocked',
  'PointsReversed',
  'PointsReserved',
  'ReservationCaptured',
  'ReservationReleased',
  'PointsExpired',
  'PointsAdjusted',
  'TierChanged',
]);

/** The events that move points (the ledger lists these; TierChanged is about the account, not its points). */
export const MOVEMENT_EVENT_TYPES: readonly AccountEventType[] = [
  'PointsEarned',
  'EarningDeclined',
  'PointsUnlocked',
  'PointsReversed',
  'PointsReserved',
  'ReservationCaptured',
  'ReservationReleased',
  'PointsExpired',
  'PointsAdjusted',
];

export const accountStream = (expertId: string): string => `account-${expertId}`;
export const ACCOUNT_STREAM_PREFIX = 'account-';
