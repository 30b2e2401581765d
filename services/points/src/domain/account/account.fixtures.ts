import type { Provenance } from './account.events';
import { DEFAULT_CATALOGUE, findItem } from '../catalogue/redemption-catalogue';
import { DEFAULT_RULES, type EarningRule, type RuleSet } from '../rules/earning-rules';
import type { AccountCommand } from './account.commands';
import type { AccountEvent } from './account.events';

/** Builders for specs: a command or event says only what the rule under test is about. */
export const EXPERT = 'expert-1';
export const T0 = new Date('2030-03-04T10:00:00.000Z'); // a Monday

export const rule = (id: string, rules: RuleSet = DEFAULT_RULES): EarningRule => {
  const r = rules.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

export const noPending: RuleSet = { ...DEFAULT_RULES, pendingDays: 0 };

export const earn = (o: { ruleId?: string; source?: string; at?: Date; now?: Date; rules?: RuleSet; provenance?: Provenance; lotId?: string } = {}): AccountCommand => {
  const rules = o.rules ?? noPending;
  const r = rule(o.ruleId ?? 'plan-adopted', rules);
  const source = o.source ?? 'src-1';
  return {
    type: 'EarnPoints',
    data: {
      expertId: EXPERT,
      lotId: o.lotId ?? `lot-${source}`,
      rule: r,
      ruleSet: rules,
      sourceEventId: source,
      sourceType: r.sourceType,
      occurredAt: o.at ?? T0,
      provenance: o.provenance ?? { proposalId: `proposal-${source}` },
    },
    metadata: { now: o.now ?? o.at ?? T0 },
  };
};

/** The event an earning produces; `lotId` and times default like `earn`. */
export const earned = (points: number, o: { source?: string; at?: Date; pending?: boolean; expiresAt?: Date; proposalId?: string; ruleId?: string } = {}): AccountEvent => {
  const source = o.source ?? 'src-1';
  const at = (o.at ?? T0).toISOString();
  return {
    type: 'PointsEarned',
    data: {
      expertId: EXPERT,
      lotId: `lot-${source}`,
      points,
      ruleId: o.ruleId ?? 'plan-adopted',
      ruleVersion: 1,
      sourceEventId: source,
      sourceType: 'PlanAdopted',
      provenance: { proposalId: o.proposalId ?? `proposal-${source}` },
      earnedAt: at,
      availableAt: at,
      pending: o.pending ?? false,
      expiresAt: (o.expiresAt ?? new Date('2032-03-04T10:00:00.000Z')).toISOString(),
    },
  };
};

export const reserve = (itemId: string, reservationId = 'r-1', now = T0): AccountCommand => ({
  type: 'ReservePoints',
  data: { expertId: EXPERT, reservationId, item: findItem(DEFAULT_CATALOGUE, itemId)!, timeoutAt: new Date(now.getTime() + 3_600_000), requestedBy: EXPERT, requesterRole: 'expert' },
  metadata: { now },
});

export const reserved = (points: number, lots: { lotId: string; points: number }[], o: { reservationId?: string; itemId?: string; now?: Date } = {}): AccountEvent => {
  const now = o.now ?? T0;
  return {
    type: 'PointsReserved',
    data: {
      expertId: EXPERT,
      reservationId: o.reservationId ?? 'r-1',
      itemId: o.itemId ?? 'expert-interview',
      points,
      lots: lots.map((l) => ({ ...l, pending: false })),
      reservedAt: now.toISOString(),
      timeoutAt: new Date(now.getTime() + 3_600_000).toISOString(),
      requestedBy: EXPERT,
      heldBy: EXPERT,
    },
  };
};

export const retract = (proposalId: string, source = 'withdrawal-1', now = T0): AccountCommand => ({
  type: 'ReverseSource',
  data: { expertId: EXPERT, sourceEventId: source, sourceType: 'ProposalWithdrawn', retracted: `proposal:${proposalId}`, reason: 'proposal-withdrawn' },
  metadata: { now },
});

export const adjust = (adjustmentId: string, points: number, now = T0, reason = 'goodwill'): AccountCommand => ({
  type: 'AdjustPoints',
  data: { expertId: EXPERT, adjustmentId, points, reason, by: 'operator-1', expiry: { kind: 'rolling', months: 24 } },
  metadata: { now },
});

export const at = (iso: string): Date => new Date(iso);
