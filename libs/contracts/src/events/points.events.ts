import { PayloadReader } from '../payload';
import { EventPayloadError, type EventDefinition } from '../registry';
import { arrayOf, boolean, integer, nullable, object, oneOf, string, stringMap, timestamp, type JsonSchema } from '../schema/json-schema';

/**
 * Published by the points service on `hope.points.events` (key = `account-<expertId>`). Every
 * movement names the lots it touched, so a consumer (or an auditor) can follow each point from the
 * event that earned it to the one that spent, expired or reversed it.
 */

/** A part of a lot moved by an event. `pending` says the points were not yet spendable. */
export interface LotMovementV1 {
  lotId: string;
  points: number;
  pending: boolean;
}

/** Where an earning came from: the ids of the business objects behind the source event. */
export type ProvenanceV1 = Partial<Record<'demandId' | 'subProblemId' | 'proposalId' | 'invitationId' | 'inviteeId' | 'bookingId' | 'meetingId', string>>;

export interface PointsEarnedV1 {
  expertId: string;
  lotId: string;
  points: number;
  ruleId: string;
  ruleVersion: number;
  sourceEventId: string;
  sourceType: string;
  provenance: ProvenanceV1;
  earnedAt: string;
  /** When the points become spendable; equal to earnedAt when the rule set has no pending period. */
  availableAt: string;
  pending: boolean;
  expiresAt: string;
}

export interface PointsUnlockedV1 {
  expertId: string;
  lots: LotMovementV1[];
  points: number;
  at: string;
}

export interface PointsReversedV1 {
  expertId: string;
  /** The retracting event (ProposalWithdrawn, ProposalRejected, InvitationFraudDetected). */
  sourceEventId: string;
  sourceType: string;
  /** What was retracted, e.g. `proposal:<id>` or `invitation:<id>`. */
  retracted: string;
  reason: string;
  /** What the lots still held; the rest of `points` became debt. */
  lots: LotMovementV1[];
  debt: number;
  points: number;
  at: string;
}

export interface PointsReservedV1 {
  expertId: string;
  reservationId: string;
  itemId: string;
  points: number;
  lots: LotMovementV1[];
  reservedAt: string;
  /** Released automatically at this instant unless captured before. */
  timeoutAt: string;
  requestedBy: string;
  /**
   * Who holds the reservation and alone (with operators) may capture or release it: the reserving
   * service (`service:<name>`) or the account itself for the owner's own redemption. Absent on events
   * recorded before holders were recorded.
   */
  heldBy?: string;
}

export interface ReservationCapturedV1 {
  expertId: string;
  reservationId: string;
  points: number;
  at: string;
  by: string;
}

/** `partial-capture` (added, additive): the remainder of a reservation captured in part, released in the same decision. */
export const RELEASE_REASONS = ['fulfilment-failed', 'cancelled', 'timeout', 'partial-capture'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export interface ReservationReleasedV1 {
  expertId: string;
  reservationId: string;
  points: number;
  /** The lots the points went back to (the ones they were taken from). */
  lots: LotMovementV1[];
  reason: ReleaseReason;
  at: string;
  by: string;
}

export interface PointsExpiredV1 {
  expertId: string;
  lots: LotMovementV1[];
  points: number;
  at: string;
}

/** An operator's grant (points > 0, a new lot with lotId = adjustmentId) or revocation (points < 0). */
export interface PointsAdjustedV1 {
  expertId: string;
  adjustmentId: string;
  points: number;
  reason: string;
  by: string;
  at: string;
  /** Grant: the new lot. Revocation: the lots it took from; the rest became debt. */
  lots: LotMovementV1[];
  debt: number;
  expiresAt?: string;
}

const readLots = (type: string, data: unknown): LotMovementV1[] => {
  const lots = (data as { lots?: unknown }).lots;
  if (!Array.isArray(lots)) throw new EventPayloadError(type, 'lots', 'must be an array');
  return lots.map((lot, i) => {
    const r = new PayloadReader(type, lot);
    const pending = (lot as { pending?: unknown }).pending;
    if (typeof pending !== 'boolean') throw new EventPayloadError(type, `lots.${i}.pending`, 'must be a boolean');
    return { lotId: r.string('lotId'), points: r.integer('points', { min: 0 }), pending };
  });
};

const readProvenance = (type: string, data: unknown): ProvenanceV1 => {
  const p = (data as { provenance?: unknown }).provenance;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new EventPayloadError(type, 'provenance', 'must be an object');
  for (const [k, v] of Object.entries(p)) if (typeof v !== 'string') throw new EventPayloadError(type, `provenance.${k}`, 'must be a string');
  return p as ProvenanceV1;
};

const bool = (type: string, data: unknown, field: string): boolean => {
  const v = (data as Record<string, unknown>)[field];
  if (typeof v !== 'boolean') throw new EventPayloadError(type, field, 'must be a boolean');
  return v;
};

/** Schema twins of the readers above (and of RulesChanged's and CatalogueChanged's parts below). */
const lotsSchema: JsonSchema = arrayOf(object({ lotId: string, points: integer({ min: 0 }), pending: boolean }));
const provenanceSchema: JsonSchema = { ...stringMap, description: 'Ids of the business objects behind the source event (demandId, proposalId, bookingId, ...).' };
const periodLimits: JsonSchema = object({}, { day: integer({ min: 1 }), week: integer({ min: 1 }), month: integer({ min: 1 }) });
const earningRuleSchema: JsonSchema = object(
  { id: string, sourceType: string, points: integer({ min: 1 }), recipientField: string },
  { when: stringMap, perExpert: periodLimits, onceEver: boolean, budget: object({ period: oneOf(['day', 'week', 'month']), points: integer({ min: 1 }) }) },
);
const tierPolicySchema: JsonSchema = object({
  thresholds: object({ bronze: integer({ min: 0 }), silver: integer({ min: 0 }), gold: integer({ min: 0 }), platinum: integer({ min: 0 }) }),
  windowDays: integer({ min: 1 }),
  downgrade: object({ graceDays: integer({ min: 0 }) }),
});
const catalogueItemSchema: JsonSchema = object(
  { id: string, title: string, price: integer({ min: 1 }) },
  { perExpertLimit: integer({ min: 0 }), totalLimit: integer({ min: 0 }), availableFrom: timestamp, availableUntil: timestamp },
);

export const PointsEarned: EventDefinition<PointsEarnedV1> = {
  type: 'PointsEarned',
  version: 1,
  schemas: { 1: object({ expertId: string, lotId: string, points: integer({ min: 1 }), ruleId: string, ruleVersion: integer({ min: 1 }), sourceEventId: string, sourceType: string, provenance: provenanceSchema, earnedAt: timestamp, availableAt: timestamp, pending: boolean, expiresAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('PointsEarned', data);
    return {
      expertId: r.string('expertId'),
      lotId: r.string('lotId'),
      points: r.integer('points', { min: 1 }),
      ruleId: r.string('ruleId'),
      ruleVersion: r.integer('ruleVersion', { min: 1 }),
      sourceEventId: r.string('sourceEventId'),
      sourceType: r.string('sourceType'),
      provenance: readProvenance('PointsEarned', data),
      earnedAt: r.timestamp('earnedAt'),
      availableAt: r.timestamp('availableAt'),
      pending: bool('PointsEarned', data, 'pending'),
      expiresAt: r.timestamp('expiresAt'),
    };
  },
};

export const PointsUnlocked: EventDefinition<PointsUnlockedV1> = {
  type: 'PointsUnlocked',
  version: 1,
  schemas: { 1: object({ expertId: string, lots: lotsSchema, points: integer({ min: 0 }), at: timestamp }) },
  parse(data) {
    const r = new PayloadReader('PointsUnlocked', data);
    return { expertId: r.string('expertId'), lots: readLots('PointsUnlocked', data), points: r.integer('points', { min: 0 }), at: r.timestamp('at') };
  },
};

export const PointsReversed: EventDefinition<PointsReversedV1> = {
  type: 'PointsReversed',
  version: 1,
  schemas: { 1: object({ expertId: string, sourceEventId: string, sourceType: string, retracted: string, reason: string, lots: lotsSchema, debt: integer({ min: 0 }), points: integer({ min: 0 }), at: timestamp }) },
  parse(data) {
    const r = new PayloadReader('PointsReversed', data);
    return {
      expertId: r.string('expertId'),
      sourceEventId: r.string('sourceEventId'),
      sourceType: r.string('sourceType'),
      retracted: r.string('retracted'),
      reason: r.string('reason'),
      lots: readLots('PointsReversed', data),
      debt: r.integer('debt', { min: 0 }),
      points: r.integer('points', { min: 0 }),
      at: r.timestamp('at'),
    };
  },
};

export const PointsReserved: EventDefinition<PointsReservedV1> = {
  type: 'PointsReserved',
  version: 1,
  schemas: { 1: object({ expertId: string, reservationId: string, itemId: string, points: integer({ min: 1 }), lots: lotsSchema, reservedAt: timestamp, timeoutAt: timestamp, requestedBy: string }, { heldBy: nullable(string) }) },
  parse(data) {
    const r = new PayloadReader('PointsReserved', data);
    return {
      expertId: r.string('expertId'),
      reservationId: r.string('reservationId'),
      itemId: r.string('itemId'),
      points: r.integer('points', { min: 1 }),
      lots: readLots('PointsReserved', data),
      reservedAt: r.timestamp('reservedAt'),
      timeoutAt: r.timestamp('timeoutAt'),
      requestedBy: r.string('requestedBy'),
      ...(r.has('heldBy') ? { heldBy: r.string('heldBy') } : {}),
    };
  },
};

export const ReservationCaptured: EventDefinition<ReservationCapturedV1> = {
  type: 'ReservationCaptured',
  version: 1,
  schemas: { 1: object({ expertId: string, reservationId: string, points: integer({ min: 1 }), at: timestamp, by: string }) },
  parse(data) {
    const r = new PayloadReader('ReservationCaptured', data);
    return { expertId: r.string('expertId'), reservationId: r.string('reservationId'), points: r.integer('points', { min: 1 }), at: r.timestamp('at'), by: r.string('by') };
  },
};

export const ReservationReleased: EventDefinition<ReservationReleasedV1> = {
  type: 'ReservationReleased',
  version: 1,
  schemas: { 1: object({ expertId: string, reservationId: string, points: integer({ min: 1 }), lots: lotsSchema, reason: oneOf(RELEASE_REASONS), at: timestamp, by: string }) },
  parse(data) {
    const r = new PayloadReader('ReservationReleased', data);
    return {
      expertId: r.string('expertId'),
      reservationId: r.string('reservationId'),
      points: r.integer('points', { min: 1 }),
      lots: readLots('ReservationReleased', data),
      reason: r.oneOf('reason', RELEASE_REASONS),
      at: r.timestamp('at'),
      by: r.string('by'),
    };
  },
};

export const PointsExpired: EventDefinition<PointsExpiredV1> = {
  type: 'PointsExpired',
  version: 1,
  schemas: { 1: object({ expertId: string, lots: lotsSchema, points: integer({ min: 1 }), at: timestamp }) },
  parse(data) {
    const r = new PayloadReader('PointsExpired', data);
    return { expertId: r.string('expertId'), lots: readLots('PointsExpired', data), points: r.integer('points', { min: 1 }), at: r.timestamp('at') };
  },
};

export const PointsAdjusted: EventDefinition<PointsAdjustedV1> = {
  type: 'PointsAdjusted',
  version: 1,
  schemas: { 1: object({ expertId: string, adjustmentId: string, points: integer(), reason: string, by: string, at: timestamp, lots: lotsSchema, debt: integer({ min: 0 }) }, { expiresAt: nullable(timestamp) }) },
  parse(data) {
    const r = new PayloadReader('PointsAdjusted', data);
    const expiresAt = r.has('expiresAt') ? r.timestamp('expiresAt') : undefined;
    return {
      expertId: r.string('expertId'),
      adjustmentId: r.string('adjustmentId'),
      points: r.integer('points'),
      reason: r.string('reason'),
      by: r.string('by'),
      at: r.timestamp('at'),
      lots: readLots('PointsAdjusted', data),
      debt: r.integer('debt', { min: 0 }),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  },
};

/** An earning rule as published with RulesChanged (the points service's rule set is data). */
export interface EarningRuleV1 {
  id: string;
  sourceType: string;
  points: number;
  recipientField: string;
  when?: Record<string, string>;
  perExpert?: Partial<Record<'day' | 'week' | 'month', number>>;
  onceEver?: boolean;
  /** Global budget: at most `points` earned through this rule, all experts together, per calendar period. */
  budget?: { period: 'day' | 'week' | 'month'; points: number };
}

export const EXPIRY_KINDS = ['rolling', 'end-of-month', 'end-of-year'] as const;

/**
 * Tiers of influence (part of the rule set since it was added; absent on older RulesChanged events,
 * which mean the service's default policy): minimum points earned in the rolling window per tier, and
 * the downgrade rule (one step at most per evaluation, after `graceDays` below the tier's threshold).
 */
export interface TierPolicyV1 {
  thresholds: { bronze: number; silver: number; gold: number; platinum: number };
  windowDays: number;
  downgrade: { graceDays: number };
}

/** An operator changed the earning rules. Earnings whose source occurred from `effectiveFrom` on use `version`. */
export interface RulesChangedV1 {
  version: number;
  effectiveFrom: string;
  pendingDays: number;
  expiry: { kind: (typeof EXPIRY_KINDS)[number]; months: number };
  rules: EarningRuleV1[];
  /** Optional (additive): absent on rule sets recorded before tiers existed. */
  tiers?: TierPolicyV1;
  reason: string;
  by: string;
  at: string;
}

export interface CatalogueItemV1 {
  id: string;
  title: string;
  price: number;
  perExpertLimit?: number;
  /** Open or captured redemptions of the item, all experts together. */
  totalLimit?: number;
  availableFrom?: string;
  availableUntil?: string;
}

/** An operator changed the redemption catalogue; redemptions from `at` on use `version`. */
export interface CatalogueChangedV1 {
  version: number;
  items: CatalogueItemV1[];
  reservationTimeoutMinutes: number;
  reason: string;
  by: string;
  at: string;
}

export const TIERS = ['none', 'bronze', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * An expert's tier of influence moved: up when an earning crossed a threshold, down (one step) when the
 * scheduled evaluation found the account below its tier's threshold for the policy's grace period.
 */
export interface TierChangedV1 {
  expertId: string;
  from: Tier;
  to: Tier;
  /** Points earned in the 365 days before `at`. */
  earnedInYear: number;
  at: string;
}

const array = (type: string, data: unknown, field: string): unknown[] => {
  const v = (data as Record<string, unknown>)[field];
  if (!Array.isArray(v)) throw new EventPayloadError(type, field, 'must be an array');
  return v;
};

function readTierPolicy(t: PayloadReader): TierPolicyV1 {
  const th = t.object('thresholds');
  return {
    thresholds: { bronze: th.integer('bronze', { min: 0 }), silver: th.integer('silver', { min: 0 }), gold: th.integer('gold', { min: 0 }), platinum: th.integer('platinum', { min: 0 }) },
    windowDays: t.integer('windowDays', { min: 1 }),
    downgrade: { graceDays: t.object('downgrade').integer('graceDays', { min: 0 }) },
  };
}

export const RulesChanged: EventDefinition<RulesChangedV1> = {
  type: 'RulesChanged',
  version: 1,
  schemas: {
    1: object(
      {
        version: integer({ min: 1 }),
        effectiveFrom: timestamp,
        pendingDays: integer({ min: 0 }),
        expiry: object({ kind: oneOf(EXPIRY_KINDS), months: integer({ min: 1 }) }),
        rules: arrayOf(earningRuleSchema),
        reason: string,
        by: string,
        at: timestamp,
      },
      { tiers: nullable(tierPolicySchema) },
    ),
  },
  parse(data) {
    const r = new PayloadReader('RulesChanged', data);
    const expiry = r.object('expiry');
    const rules = array('RulesChanged', data, 'rules').map((rule) => {
      const x = new PayloadReader('RulesChanged', rule);
      // The optional parts are carried as sent: the points service validated them before recording.
      return { ...(rule as EarningRuleV1), id: x.string('id'), sourceType: x.string('sourceType'), points: x.integer('points', { min: 1 }), recipientField: x.string('recipientField') };
    });
    const tiers = r.has('tiers') ? readTierPolicy(r.object('tiers')) : undefined;
    return {
      version: r.integer('version', { min: 1 }),
      effectiveFrom: r.timestamp('effectiveFrom'),
      pendingDays: r.integer('pendingDays', { min: 0 }),
      expiry: { kind: expiry.oneOf('kind', EXPIRY_KINDS), months: expiry.integer('months', { min: 1 }) },
      rules,
      ...(tiers ? { tiers } : {}),
      reason: r.string('reason'),
      by: r.string('by'),
      at: r.timestamp('at'),
    };
  },
};

export const CatalogueChanged: EventDefinition<CatalogueChangedV1> = {
  type: 'CatalogueChanged',
  version: 1,
  schemas: { 1: object({ version: integer({ min: 1 }), items: arrayOf(catalogueItemSchema), reservationTimeoutMinutes: integer({ min: 1 }), reason: string, by: string, at: timestamp }) },
  parse(data) {
    const r = new PayloadReader('CatalogueChanged', data);
    const items = array('CatalogueChanged', data, 'items').map((item) => {
      const x = new PayloadReader('CatalogueChanged', item);
      return { ...(item as CatalogueItemV1), id: x.string('id'), title: x.string('title'), price: x.integer('price', { min: 1 }) };
    });
    return {
      version: r.integer('version', { min: 1 }),
      items,
      reservationTimeoutMinutes: r.integer('reservationTimeoutMinutes', { min: 1 }),
      reason: r.string('reason'),
      by: r.string('by'),
      at: r.timestamp('at'),
    };
  },
};

export const TierChanged: EventDefinition<TierChangedV1> = {
  type: 'TierChanged',
  version: 1,
  schemas: { 1: object({ expertId: string, from: oneOf(TIERS), to: oneOf(TIERS), earnedInYear: integer({ min: 0 }), at: timestamp }) },
  parse(data) {
    const r = new PayloadReader('TierChanged', data);
    return { expertId: r.string('expertId'), from: r.oneOf('from', TIERS), to: r.oneOf('to', TIERS), earnedInYear: r.integer('earnedInYear', { min: 0 }), at: r.timestamp('at') };
  },
};

/** Every event the points service publishes, for its relay's translator and the catalogue. */
export const POINTS_EVENTS: readonly EventDefinition<unknown>[] = [
  PointsEarned,
  PointsUnlocked,
  PointsReversed,
  PointsReserved,
  ReservationCaptured,
  ReservationReleased,
  PointsExpired,
  PointsAdjusted,
  RulesChanged,
  CatalogueChanged,
  TierChanged,
] as readonly EventDefinition<unknown>[];
