import {
  createEventRegistry,
  decodeEnvelope,
  encodeEnvelope,
  EnvelopeDecodeError,
  EventPayloadError,
  newEnvelope,
  UnknownEventType,
  UnsupportedEventVersion,
  type DemandPublishedV1,
  type DemandPublishedV2,
  type DemandPublishedV3,
  type DemandRevisedV2,
} from '@hope/contracts';

const at = '2026-11-01T08:00:00.000Z';

describe('event registry: upcasting', () => {
  const registry = createEventRegistry();

  const v3Defaults = { description: {}, capabilities: [], subProblems: [], visibility: 'public' };

  it('given a DemandPublished v1 with an English title, when read, then handlers see v3 with title.en, no keywords and a public demand without sub-problems', () => {
    const v1: DemandPublishedV1 = { demandId: 'd-1', organisationId: 'o-1', title: 'Quiet compressor', domain: 'smart-home', publishedAt: at };
    const e = registry.upcast<DemandPublishedV3>(newEnvelope({ type: 'DemandPublished', version: 1, stream: 'demand-d-1', data: v1, occurredAt: at }));
    expect(e.version).toBe(3);
    expect(e.data).toEqual({ demandId: 'd-1', organisationId: 'o-1', title: { en: 'Quiet compressor' }, domain: 'smart-home', keywords: [], publishedAt: at, ...v3Defaults });
  });

  it('given a DemandPublished v2, when read, then it is a public v3 with no description, capabilities or sub-problems', () => {
    const v2: DemandPublishedV2 = { demandId: 'd-3', organisationId: 'o-1', title: { en: 'Heat pump', zh: '热泵' }, domain: 'energy', keywords: ['heat'], publishedAt: at };
    const e = registry.upcast<DemandPublishedV3>(newEnvelope({ type: 'DemandPublished', version: 2, stream: 'demand-d-3', data: v2, occurredAt: at }));
    expect(e.data).toEqual({ ...v2, ...v3Defaults });
  });

  it('given a DemandRevised v1, when read, then it is a v2 with the same defaults', () => {
    const v1 = { demandId: 'd-4', organisationId: 'o-1', revision: 1, changedFields: ['keywords'], title: { en: 'Heat pump' }, domain: 'energy', keywords: ['cop'], revisedAt: at };
    const e = registry.upcast<DemandRevisedV2>(newEnvelope({ type: 'DemandRevised', version: 1, stream: 'demand-d-4', data: v1, occurredAt: at }));
    expect(e.version).toBe(2);
    expect(e.data).toEqual({ ...v1, ...v3Defaults });
  });

  it('reads a v3 with sub-problems and refuses one whose sub-problem has no title, naming the field', () => {
    const v3: DemandPublishedV3 = {
      demandId: 'd-5', organisationId: 'o-1', title: { zh: '电池热管理' }, description: { en: 'Thermal runaway detection' }, domain: 'automotive', keywords: ['battery'],
      capabilities: ['thermal'], subProblems: [{ id: 'sp-1', title: { en: 'Sensing' }, capabilities: ['sensors'] }], visibility: 'confidential', publishedAt: at,
    };
    expect(registry.upcast(newEnvelope({ type: 'DemandPublished', version: 3, stream: 'demand-d-5', data: v3, occurredAt: at })).data).toEqual(v3);
    const broken = { ...v3, subProblems: [{ id: 'sp-1', title: {}, capabilities: [] }] };
    expect(() => registry.upcast(newEnvelope({ type: 'DemandPublished', version: 3, stream: 'demand-d-5', data: broken, occurredAt: at }))).toThrow(
      expect.objectContaining({ name: 'EventPayloadError', field: 'title' }) as unknown as EventPayloadError,
    );
  });

  it('given a v1 with a Chinese title, when read, then the title lands under zh', () => {
    const v1: DemandPublishedV1 = { demandId: 'd-2', organisationId: 'o-1', title: '低噪音压缩机', domain: 'smart-home', publishedAt: at };
    const e = registry.upcast<DemandPublishedV2>(newEnvelope({ type: 'DemandPublished', version: 1, stream: 'demand-d-2', data: v1, occurredAt: at }));
    expect(e.data.title).toEqual({ zh: '低噪音压缩机' });
  });

  it('refuses a version newer than it knows, an unknown type, and an invalid payload, naming the field', () => {
    const base = { stream: 's-1', occurredAt: at };
    expect(() => registry.upcast(newEnvelope({ ...base, type: 'DemandPublished', version: 4, data: {} }))).toThrow(UnsupportedEventVersion);
    expect(() => registry.upcast(newEnvelope({ ...base, type: 'NoSuchThing', version: 1, data: {} }))).toThrow(UnknownEventType);
    expect(() =>
      registry.upcast(newEnvelope({ ...base, type: 'DemandPublished', version: 2, data: { demandId: 'd', organisationId: 'o', title: {}, domain: 'x', keywords: [], publishedAt: at } })),
    ).toThrow(expect.objectContaining({ name: 'EventPayloadError', field: 'title' }) as unknown as EventPayloadError);
  });

  it('ExpertsMatched v1 carries an optional subProblemId: without it the ranking is for the whole demand; a non-string one is refused', () => {
    const base = { type: 'ExpertsMatched', version: 1, stream: 'matches-d-6', occurredAt: at };
    const whole = { demandId: 'd-6', matches: [{ expertId: 'e-1', rank: 1, score: 0.7 }], matchedAt: at };
    expect(registry.upcast(newEnvelope({ ...base, data: whole })).data).toEqual(whole);
    expect(registry.upcast(newEnvelope({ ...base, data: { ...whole, subProblemId: 'sp-1' } })).data).toEqual({ ...whole, subProblemId: 'sp-1' });
    expect(() => registry.upcast(newEnvelope({ ...base, data: { ...whole, subProblemId: 7 } }))).toThrow(
      expect.objectContaining({ name: 'EventPayloadError', field: 'subProblemId' }) as unknown as EventPayloadError,
    );
  });

  it('refuses to register a type with a missing upcaster', () => {
    expect(() => createEventRegistry().register({ type: 'X', version: 2, parse: (d) => d })).toThrow(/lacks an upcaster from v1/);
  });
});

describe('envelope encoding', () => {
  it('round-trips through JSON', () => {
    const e = newEnvelope({ type: 'ProbeSent', version: 1, stream: 'probe-1', data: { probeId: '1', from: 'demand', sentAt: at }, occurredAt: at, causationId: 'c-1' });
    expect(decodeEnvelope(Buffer.from(encodeEnvelope(e)))).toEqual(e);
    expect(e.correlationId).toBe(e.id);
  });

  it.each([
    ['not json', /invalid JSON/],
    ['[1]', /not a JSON object/],
    [JSON.stringify({ id: 'a', type: 't', stream: 's', occurredAt: at, correlationId: 'c', version: 0, data: {} }), /"version"/],
    [JSON.stringify({ id: 'a', type: '', stream: 's', occurredAt: at, correlationId: 'c', version: 1, data: {} }), /"type"/],
    [JSON.stringify({ id: 'a', type: 't', stream: 's', occurredAt: at, correlationId: 'c', version: 1 }), /"data"/],
  ])('rejects %s', (raw, reason) => {
    expect(() => decodeEnvelope(raw)).toThrow(EnvelopeDecodeError);
    expect(() => decodeEnvelope(raw)).toThrow(reason);
  });
});

describe('the catalogue', () => {
  const registry = createEventRegistry();
  it.each([
    ['ClueSubmitted', { proposalId: 'p', demandId: 'd', expertId: 'e', coAuthorIds: [], contentHash: 'h', submittedAt: at }],
    ['PlanAdopted', { proposalId: 'p', demandId: 'd', expertId: 'e', at }],
    ['ProposalRejected', { proposalId: 'p', demandId: 'd', expertId: 'e', at, reason: 'plagiarism' }],
    ['ExpertJoined', { expertId: 'e', inviterId: 'i', invitationId: 'inv', joinedAt: at }],
    ['InvitationFraudDetected', { invitationId: 'inv', inviterId: 'i', inviteeId: 'e', pattern: 'invite-ring', detectedAt: at }],
    ['ExpertCertified', { expertId: 'e', certifiedAt: at, by: 'op' }],
    ['ConsultationCompleted', { bookingId: 'b', expertId: 'e', organisationId: 'o', minutes: 45, completedAt: at }],
    ['MeetingAttended', { meetingId: 'm', kind: 'technical-seminar', expertId: 'e', attendedAt: at }],
    ['MeetingWaitListPromoted', { meetingId: 'm', kind: 'exchange-meeting', title: 't', startsAt: at, expertId: 'e', promotedAt: at }],
    ['ConsultationRated', { bookingId: 'b', expertId: 'e', organisationId: 'o', ratedBy: 'enterprise', score: 4, ratedAt: at }],
    ['ResearchGroupFormed', { groupId: 'g', title: 't', topic: 'x', demandId: 'd', organisationId: 'o', leadExpertId: 'e', startsAt: at, endsAt: at, formedAt: at }],
    ['ResearchGroupFormed', { groupId: 'g', title: 't', topic: 'x', organisationId: 'o', leadExpertId: 'e', startsAt: at, endsAt: at, formedAt: at }],
    ['ResearchGroupMemberJoined', { groupId: 'g', expertId: 'e', joinedAt: at }],
    ['ResearchGroupMemberLeft', { groupId: 'g', expertId: 'e', leftAt: at }],
    ['ResearchGroupMilestoneReached', { groupId: 'g', milestoneId: 'm', reachedAt: at }],
    ['ResearchGroupClosed', { groupId: 'g', summary: 's', missedMilestoneIds: ['m'], closedAt: at }],
  ])('accepts a valid %s v1', (type, data) => {
    expect(registry.upcast(newEnvelope({ type, version: 1, stream: 's', occurredAt: at, data })).data).toEqual(data);
  });

  it.each([
    ['ProposalRejected', { proposalId: 'p', demandId: 'd', expertId: 'e', at, reason: 'bored' }, 'reason'],
    ['ConsultationCompleted', { bookingId: 'b', expertId: 'e', organisationId: 'o', minutes: 0, completedAt: at }, 'minutes'],
    ['MeetingAttended', { meetingId: 'm', kind: 'party', expertId: 'e', attendedAt: at }, 'kind'],
    ['MeetingWaitListPromoted', { meetingId: 'm', kind: 'exchange-meeting', title: 't', startsAt: 'soon', expertId: 'e', promotedAt: at }, 'startsAt'],
    ['ExpertJoined', { expertId: 'e', joinedAt: 'yesterday' }, 'joinedAt'],
    ['ConsultationRated', { bookingId: 'b', expertId: 'e', organisationId: 'o', ratedBy: 'enterprise', score: 6, ratedAt: at }, 'score'],
    ['ConsultationRated', { bookingId: 'b', expertId: 'e', organisationId: 'o', ratedBy: 'operator', score: 4, ratedAt: at }, 'ratedBy'],
    ['ResearchGroupFormed', { groupId: 'g', title: 't', topic: 'x', organisationId: 'o', startsAt: at, endsAt: at, formedAt: at }, 'leadExpertId'],
    ['ResearchGroupMemberJoined', { groupId: 'g', expertId: 'e', joinedAt: 'today' }, 'joinedAt'],
    ['ResearchGroupMilestoneReached', { groupId: 'g', reachedAt: at }, 'milestoneId'],
    ['ResearchGroupClosed', { groupId: 'g', summary: 's', missedMilestoneIds: 'm', closedAt: at }, 'missedMilestoneIds'],
  ])('refuses an invalid %s, naming the field', (type, data, field) => {
    expect(() => registry.upcast(newEnvelope({ type, version: 1, stream: 's', occurredAt: at, data }))).toThrow(expect.objectContaining({ field }) as unknown as Error);
  });
});
