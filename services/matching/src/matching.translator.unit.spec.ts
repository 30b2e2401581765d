import { randomUUID } from 'node:crypto';
import { createEventRegistry } from '@hope/contracts';
import type { RecordedEvent } from '@hope/kernel';
import { contractTranslator } from '@hope/messaging';
import { matchingContracts } from './matching.translator';

/** The mapper as the runtime runs it: envelopes and the marked-event fallback are the runtime's. */
const translateMatchingEvent = contractTranslator(matchingContracts);

const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata,
  stream: 'expert-e1',
  revision: 0,
  position: { commit: 7n, prepare: 7n },
  recordedAt: new Date('2026-03-01T00:00:00Z'),
});
const at = '2026-03-01T00:00:00.000Z';
const registry = createEventRegistry();

describe('matching translator: domain events -> integration contracts', () => {
  it('ExpertJoined keeps who invited whom and drops the profile; the contract parser accepts it', () => {
    const e = translateMatchingEvent(recorded('ExpertJoined', { expertId: 'e1', profile: { name: 'Li', email: 'li@x.cn' }, inviterId: 'e0', invitationId: 'i1', joinedAt: at }))!;
    expect(e).toMatchObject({ type: 'ExpertJoined', version: 1, stream: 'expert-e1', position: '7' });
    expect(registry.upcast(e).data).toEqual({ expertId: 'e1', inviterId: 'e0', invitationId: 'i1', joinedAt: at });
  });

  it('ExpertCertified, InvitationFraudDetected and ExpertsMatched (without explanations) parse as their contracts', () => {
    const certified = translateMatchingEvent(recorded('ExpertCertified', { expertId: 'e1', by: 'op', certifiedAt: at }))!;
    expect(registry.upcast(certified).data).toEqual({ expertId: 'e1', by: 'op', certifiedAt: at });
    const fraud = translateMatchingEvent(recorded('InvitationFraudDetected', { invitationId: 'i1', inviterId: 'a', inviteeId: 'b', pattern: 'invite-ring', detectedAt: at }))!;
    expect(registry.upcast(fraud).data).toMatchObject({ pattern: 'invite-ring' });
    const matched = translateMatchingEvent(
      recorded('ExpertsMatched', { demandId: 'd1', sourceEventId: 'x', matches: [{ expertId: 'e1', rank: 1, score: 0.8, explanation: { matchedTerms: ['压缩机'] } }], matchedAt: at }),
    )!;
    expect(registry.upcast(matched).data).toEqual({ demandId: 'd1', matches: [{ expertId: 'e1', rank: 1, score: 0.8 }], matchedAt: at });
  });

  it('internal events stay private; events appended in contract shape (the probe) pass through', () => {
    expect(translateMatchingEvent(recorded('ExpertProfileUpdated', { expertId: 'e1', changes: {}, updatedAt: at }))).toBeUndefined();
    expect(translateMatchingEvent(recorded('CertificationRefused', { expertId: 'e1', by: 'op', reason: 'x', refusedAt: at }))).toBeUndefined();
    expect(translateMatchingEvent(recorded('ProbeSent', { probeId: 'p', from: 'matching', sentAt: at }, { integration: true, version: 1 }))).toMatchObject({ type: 'ProbeSent', version: 1 });
  });
});
