import type { Role } from '@hope/kernel';
import type { Provenance, ReleaseReason } from './account.events';
import type { CatalogueItem } from '../catalogue/redemption-catalogue';
import type { EarningRule, ExpiryPolicy, RuleSet } from '../rules/earning-rules';
import type { TierPolicy } from '../tiers/tier-policy';

/** Time, ids, rules and prices come in with the command: the decider reads no clock and no config. */
interface Meta {
  readonly metadata: { readonly now: Date };
}

export type AccountCommand =
  | (Meta & {
      readonly type: 'EarnPoints';
      readonly data: {
        readonly expertId: string;
        /** Deterministic (from the source event and the rule), so a replay names the same lot. */
        readonly lotId: string;
        readonly rule: EarningRule;
        readonly ruleSet: Pick<RuleSet, 'version' | 'pendingDays' | 'expiry'>;
        readonly sourceEventId: string;
        readonly sourceType: string;
        /** When the behaviour happened: limits, pending period and expiry count from it. */
        readonly occurredAt: Date;
        readonly provenance: Provenance;
        /** The rule's global budget for the period had no room for this earning (claimed before, see quota.decide.ts). */
        readonly budgetExhausted?: boolean;
        /** The tier policy in force now: an earning that crosses a threshold upgrades the account (none: tiers not evaluated). */
        readonly tierPolicy?: TierPolicy;
      };
    })
  /** The scheduled downgrade check (see tier-policy.ts). */
  | (Meta & { readonly type: 'EvaluateTier'; readonly data: { readonly expertId: string; readonly tierPolicy: TierPolicy } })
  | (Meta & {
      readonly type: 'ReverseSource';
      readonly data: {
        readonly expertId: string;
        readonly sourceEventId: string;
        readonly sourceType: string;
        readonly retracted: string;
        readonly reason: string;
        /**
         * Which side of a fraudulent invitation this account is: one source event reverses both the
         * inviter's and the invitee's earnings, each under its own handler name (so their event ids
         * differ). Absent for a retracted proposal (one account).
         */
        readonly invitationSide?: 'inviter' | 'invitee';
      };
    })
  | (Meta & { readonly type: 'UnlockPoints'; readonly data: { readonly expertId: string } })
  | (Meta & { readonly type: 'ExpirePoints'; readonly data: { readonly expertId: string } })
  | (Meta & {
      readonly type: 'ReservePoints';
      readonly data: { readonly expertId: string; readonly reservationId: string; readonly item: CatalogueItem; readonly timeoutAt: Date; readonly requestedBy: string; readonly requesterRole: Role };
    })
  | (Meta & {
      readonly type: 'CaptureReservation';
      /** `points` (1..reserved) captures that many, oldest lots first, and releases the rest; absent: all of it. */
      readonly data: { readonly expertId: string; readonly reservationId: string; readonly by: string; readonly byRole: Role; readonly points?: number };
    })
  | (Meta & {
      readonly type: 'ReleaseReservation';
      readonly data: { readonly expertId: string; readonly reservationId: string; readonly reason: ReleaseReason; readonly by: string; readonly byRole: Role };
    })
  | (Meta & { readonly type: 'ReleaseTimedOutReservations'; readonly data: { readonly expertId: string } })
  | (Meta & {
      readonly type: 'AdjustPoints';
      readonly data: {
        readonly expertId: string;
        /** Client-supplied: a retry with the same id is a no-op. */
        readonly adjustmentId: string;
        /** > 0 grants a new lot; < 0 revokes from the oldest lots, the rest becomes debt. */
        readonly points: number;
        readonly reason: string;
        readonly by: string;
        readonly expiry: ExpiryPolicy;
      };
    })
  /**
   * A service the payer already received and whose payment was refused (its reservation gone, the
   * points spent elsewhere): the price becomes debt, taken from spendable lots first and otherwise
   * repaid by the next earnings or grants. `debtId` names the owning saga: recording it again is a no-op.
   */
  | (Meta & {
      readonly type: 'RecordDebt';
      readonly data: { readonly expertId: string; readonly debtId: string; readonly points: number; readonly reason: string; readonly by: string };
    });

/** What a source event retracts: the key its lots carry (see `retractionKeys`). */
export const proposalKey = (proposalId: string): string => `proposal:${proposalId}`;
export const invitationKey = (invitationId: string): string => `invitation:${invitationId}`;

export const retractionKeys = (p: Provenance): string[] => [
  ...(p.proposalId ? [proposalKey(p.proposalId)] : []),
  ...(p.invitationId ? [invitationKey(p.invitationId)] : []),
];
