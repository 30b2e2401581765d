import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CLIENT, ServiceUnavailableError, type ServiceClient } from '@hope/platform';
import type { ConflictReason } from '../domain/interview/interview.events';

/** What the gate needs of matching's answer (services/matching/src/http/compliance, GET conflict-check). */
export interface ConflictCheckAnswer {
  readonly cleared: boolean;
  /** Why not: matching's conflicts, the terms status and erasure, as reasons. Empty when cleared. */
  readonly reasons: ConflictReason[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates matching's JSON (no `any` past the boundary) and names every reason a gate should record. */
export const readConflictCheck = (raw: unknown): ConflictCheckAnswer | undefined => {
  if (!isRecord(raw) || typeof raw.cleared !== 'boolean') return undefined;
  const reasons: ConflictReason[] = [];
  for (const r of Array.isArray(raw.reasons) ? raw.reasons : []) {
    if (isRecord(r) && typeof r.code === 'string') reasons.push({ code: r.code, detail: typeof r.detail === 'string' ? r.detail : r.code });
  }
  const terms = isRecord(raw.terms) && typeof raw.terms.status === 'string' ? raw.terms.status : undefined;
  if (terms !== undefined && terms !== 'current' && terms !== 'not-required') reasons.push({ code: `terms-${terms}`, detail: `the expert's acceptance of the platform terms is ${terms}` });
  if (raw.erased === true) reasons.push({ code: 'expert-erased', detail: "the expert's personal data was erased" });
  if (!raw.cleared && reasons.length === 0) reasons.push({ code: 'not-cleared', detail: 'matching did not clear the expert' });
  return { cleared: raw.cleared, reasons: raw.cleared ? [] : reasons };
};

/** The matching service's conflict check, called with the service token (retries, problem+json -> errors). */
@Injectable()
export class MatchingGateway {
  constructor(@Inject(SERVICE_CLIENT) private readonly client: ServiceClient) {}

  async conflictCheck(expertId: string, organisationId: string): Promise<ConflictCheckAnswer> {
    const raw = await this.client.call<unknown>('matching', {
      method: 'GET',
      path: `/experts/${encodeURIComponent(expertId)}/conflict-check?organisationId=${encodeURIComponent(organisationId)}`,
    });
    const answer = readConflictCheck(raw);
    if (!answer) throw new ServiceUnavailableError('matching', 'the conflict check answered without a `cleared` flag');
    return answer;
  }
}
