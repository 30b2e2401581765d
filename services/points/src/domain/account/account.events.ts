import type { Tier } from '../tiers/tier-policy';

/** Why reserved points went back: `partial-capture` is the remainder of a reservation captured in part. */
export const RELEASE_REASONS = ['fulfilment-failed', 'cancelled', 'timeout', 'partial-capture'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** A part of a lot moved by an event. `pending` says the points were not yet spendable. */
export interface LotMovement {
  readonly lotId: string;
  readonly points: number;
  readonly pending: boolean;
}

/** Where an earning came from: the ids of the business objects behind the source event. */
export type Provenance = Readonly<Partial<Record<'demandId' | 'subProblemId' | 'proposalId' | 'invitationId' | 'inviteeId' | 'bookingId' | 'meetingId', string>>>;

export interface PointsEarnedData {
  readonly expertId: string;
  readonly lotId: string;
  readonly points: number;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly sourceEventId: string;
  readonly sourceType: string;
  readonly provenance: Provenance;
  readonly earnedAt: string;
  /** When the points become spendable; equal to earnedAt when the rule set has no pending period. */
  readonly availableAt: string;
  readonly pending: boolean;
  readonly expiresAt: string;
}

/** Lots moved together by one decision (unlocked, expired). */
export interface LotsMovedData {
  readonly expertId: string;
  readonly lots: readonly LotMovement[];
  readonly points: number;
  readonly at: string;
}

export interface PointsReversedData {
  readonly expertId: string;
  /** The retracting source event (ProposalWithdrawn, ProposalRejected, InvitationFraudDetected). */
  readonly sourceEventId: string;
  readonly sourceType: string;
  /** What was retracted, e.g. `proposal:<id>` or `invitation:<id>`. */
  readonly retracted: string;
  readonly reason: string;
  /** What the lots still held; the rest of `points` became debt. */
  readonly lots: readonly LotMovement[];
  readonly debt: number;
  readonly points: number;
  readonly at: string;
}

export interface PointsReservedData {
  readonly expertId: string;
  readonly reservationId: string;
  readonly itemId: string;
  readonly points: number;
  readonly lots: readonly LotMovement[];
  readonly reservedAt: string;
  readonly timeoutAt: string;
  readonly requestedBy: string;
  /** The holder (see `holderOf` in account.holders.ts); absent on reservations recorded before holders were. */
  readonly heldBy?: string;
}

export interface ReservationCapturedData {
  readonly expertId: string;
  readonly reservationId: string;
  readonly points: number;
  readonly at: string;
  readonly by: string;
}

export interface ReservationReleasedData {
  readonly expertId: string;
  readonly reservationId: string;
  readonly points: number;
  /** The lots the points went back to (the ones they were taken from). */
  readonly lots: readonly LotMovement[];
  readonly reason: ReleaseReason;
  readonly at: string;
  readonly by: string;
}

/** An operator's grant (points > 0, a new lot with lotId = adjustmentId) or revocation (points < 0). */
export interface PointsAdjustedData {
  readonly expertId: string;
  readonly adjustmentId: string;
  readonly points: number;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
  /** Grant: the new lot. Revocation: the lots it took from; the rest became debt. */
  readonly lots: readonly LotMovement[];
  readonly debt: number;
  readonly expiresAt?: string;
}

export interface TierChangedData {
  readonly expertId: string;
  readonly from: Tier;
  readonly to: Tier;
  /** Points earned in the tier window before `at`. */
  readonly earnedInYear: number;
  readonly at: string;
}

/**
 * The account's events, in the domain's words. The published contracts (libs/contracts, mapped in
 * points.translator.ts) have the same payloads today; EarningDeclined stays private: it explains a
 * source event that earned nothing (a limit, a retracted source) and makes its redelivery a visible no-op.
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
  | { readonly type: 'PointsEarned'; readonly data: PointsEarnedData }
  | { readonly type: 'EarningDeclined'; readonly data: EarningDeclinedData }
  | { readonly type: 'PointsUnlocked'; readonly data: LotsMovedData }
  | { readonly type: 'PointsReversed'; readonly data: PointsReversedData }
  | { readonly type: 'PointsReserved'; readonly data: PointsReservedData }
  | { readonly type: 'ReservationCaptured'; readonly data: ReservationCapturedData }
  | { readonly type: 'ReservationReleased'; readonly data: ReservationReleasedData }
  | { readonly type: 'PointsExpired'; readonly data: LotsMovedData }
  | { readonly type: 'PointsAdjusted'; readonly data: PointsAdjustedData }
  | { readonly type: 'TierChanged'; readonly data: TierChangedData };

export type AccountEventType = AccountEvent['type'];

/** The events published to hope.points.events (all but EarningDeclined), mapped to contract v1 by the translator. */
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
