import type { EmployerRestriction, TermsAcceptance } from '../../domain/compliance/compliance';
import type { PersonalData, Sealed } from '../../domain/expert/personal-data';
import type { Profile } from '../../domain/expert/profile';
import type { Tier } from '../../domain/expert/expert.events';
import type { CertificationStatus } from '../../domain/expert/expert.state';

/** Opens an expert's sealed personal changes (undefined once the key is gone). */
export type OpenPersonal = (expertId: string, sealed: readonly Sealed[]) => PersonalData | undefined;

export interface ExpertView {
  expertId: string;
  /** Forgotten (crypto-shredded): no profile beyond the placeholder name. */
  erased: boolean;
  tier: Tier;
  certification: { status: CertificationStatus; refusedReason?: string };
  profile: Profile;
  inviterId?: string;
  terms?: TermsAcceptance;
  restrictions: EmployerRestriction[];
  joinedAt: string;
  updatedAt: string;
}

export interface ExpertSearch {
  /** A substring of the public profile (the text search proper is `searchExperts`'s). */
  q?: string;
  /** Only these experts (the text matches of a search). */
  ids?: readonly string[];
  domain?: string;
  skill?: string;
  tier?: Tier;
  region?: string;
  cursor?: string;
  limit: number;
}

export interface InvitationView {
  invitation_id: string;
  inviter_id: string;
  invitee_id: string | null;
  status: string;
  fraud: string | null;
  sent_at: string;
  accepted_at: string | null;
}

/** What the registry read model answers; paging is by expert id (a cursor, stable under inserts). */
export abstract class RegistryQueries {
  abstract expert(expertId: string): ExpertView | undefined;
  abstract search(s: ExpertSearch): { items: ExpertView[]; nextCursor?: string };
  /** Experts whose row changed after `seq` (all with 0), in change order: feeds the matching index. */
  /** Experts changed after `seq`, in seq order (at most `limit`, when given): an index catches up in chunks. */
  abstract changedSince(seq: number, limit?: number): { experts: ExpertView[]; seq: number };
  abstract maxSeq(): number;
  /** Invitations of one inviter accepted at or after `since`: the burst guard's input. */
  abstract acceptsSince(inviterId: string, since: string): number;
  abstract invitation(invitationId: string): InvitationView | undefined;
}
