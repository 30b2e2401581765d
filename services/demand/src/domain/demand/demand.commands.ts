import type { Principal } from '@hope/kernel';
import type { DemandChanges, DemandContent } from './demand.content';
import type { NeedOrigin } from './demand.events';

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };

export type DemandCommand =
  | Cmd<'DraftDemand', { demandId: string; content: DemandContent }>
  | Cmd<'EditDraft', { changes: DemandChanges }>
  | Cmd<'SubmitForReview', Record<string, never>>
  | Cmd<'PublishDemand', Record<string, never>>
  | Cmd<'RejectDemand', { reason: string }>
  | Cmd<'ReviseDemand', { changes: DemandChanges }>
  /** `adoptedProposalIds` comes from the proposals the application read: awarded iff any. */
  | Cmd<'CloseDemand', { adoptedProposalIds: string[] }>
  | Cmd<'CancelDemand', { reason?: string }>
  | Cmd<'ExpireDemand', Record<string, never>>
  /** The need saga lists a paid need: drafted and published at once (the operator reviewed the need). */
  | Cmd<'ListNeed', { demandId: string; need: NeedOrigin; content: DemandContent; approvedBy: string }>;
