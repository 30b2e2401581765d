import { createEventRegistry } from '@hope/contracts';
import type { RecordedEvent } from '@hope/eventstore';
import { contractTranslator } from '@hope/messaging';
import { consultingContracts } from './consulting.translator';

/** The envelopes as the runtime publishes them: consulting's contracts, then the marked-event fallback. */
const consultingTranslator = contractTranslator(consultingContracts);

const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}, stream = 'expert-calendar-exp-1'): RecordedEvent => ({
  id: '6f1c1f4e-2d4c-5a8b-9c1d-1234567890ab',
  type,
  data,
  metadata,
  stream,
  revision: 3,
  position: { commit: 9n, prepare: 9n },
  recordedAt: new Date('2030-01-01T10:00:00Z'),
});

describe('consulting translator: internal events -> integration contracts', () => {
  const registry = createEventRegistry();
  const valid = (e: ReturnType<typeof consultingTranslator>) => registry.upcast(e!);

  it('InterviewCompleted goes out as ConsultationCompleted v1 with the actual minutes (points earns on it)', () => {
    const out = consultingTranslator(recorded('InterviewCompleted', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', actualMinutes: 55, at: '2030-01-01T10:00:00.000Z' }));
    expect(out).toMatchObject({ type: 'ConsultationCompleted', version: 1, data: { bookingId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', minutes: 55, completedAt: '2030-01-01T10:00:00.000Z' } });
    expect(() => valid(out)).not.toThrow();
  });

  it('an expert attendance goes out as MeetingAttended; an enterprise attendance and internal events stay private', () => {
    const attended = (participantRole: string) => recorded('AttendanceRecorded', { meetingId: 'm-1', kind: 'technical-seminar', participantId: 'exp-1', participantRole, at: '2030-01-01T10:00:00.000Z' });
    expect(consultingTranslator(attended('expert'))).toMatchObject({ type: 'MeetingAttended', data: { meetingId: 'm-1', kind: 'technical-seminar', expertId: 'exp-1' } });
    expect(() => valid(consultingTranslator(attended('expert')))).not.toThrow();
    expect(consultingTranslator(attended('enterprise'))).toBeUndefined();
    expect(consultingTranslator(recorded('InterviewAccepted', { interviewId: 'i-1' }))).toBeUndefined();
  });

  it("an expert's promotion from a waiting list goes out as MeetingWaitListPromoted v1; an enterprise's, or one recorded without the meeting, stays private", () => {
    const promoted = (participantRole: string, meeting: object = { kind: 'exchange-meeting', title: 'Compressors', startsAt: '2030-01-05T09:00:00.000Z' }) =>
      recorded('WaitListPromoted', { meetingId: 'm-1', participantId: 'exp-3', participantRole, ...meeting, at: '2030-01-01T10:00:00.000Z' }, {}, 'meeting-m-1');
    expect(valid(consultingTranslator(promoted('expert'))).data).toEqual({ meetingId: 'm-1', kind: 'exchange-meeting', title: 'Compressors', startsAt: '2030-01-05T09:00:00.000Z', expertId: 'exp-3', promotedAt: '2030-01-01T10:00:00.000Z' });
    expect(consultingTranslator(promoted('expert'))?.type).toBe('MeetingWaitListPromoted');
    expect(consultingTranslator(promoted('enterprise'))).toBeUndefined();
    expect(consultingTranslator(promoted('expert', {}))).toBeUndefined();
  });

  it('confirmed and cancelled calls go out in their v1 contracts', () => {
    const confirmed = consultingTranslator(recorded('InterviewConfirmed', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', start: '2030-01-02T10:00:00.000Z', end: '2030-01-02T11:00:00.000Z', at: '2030-01-01T10:00:00.000Z' }));
    expect(valid(confirmed).data).toEqual({ interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', start: '2030-01-02T10:00:00.000Z', end: '2030-01-02T11:00:00.000Z', confirmedAt: '2030-01-01T10:00:00.000Z' });
    const cancelled = consultingTranslator(recorded('InterviewCancelled', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', cancelledBy: 'enterprise', reason: 'x', refundPercent: 50, at: '2030-01-01T10:00:00.000Z' }));
    expect(valid(cancelled)).toMatchObject({ type: 'InterviewCancelled', data: { refundPercent: 50, cancelledBy: 'enterprise' } });
  });

  it('each rating goes out as ConsultationRated v1 (bookingId = the interview id); the comment stays private', () => {
    const out = consultingTranslator(recorded('InterviewRated', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', by: 'enterprise', score: 4, comment: 'private', at: '2030-01-01T10:00:00.000Z' }));
    expect(valid(out)).toMatchObject({ type: 'ConsultationRated', version: 1, data: { bookingId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', ratedBy: 'enterprise', score: 4, ratedAt: '2030-01-01T10:00:00.000Z' } });
    expect(JSON.stringify(out)).not.toContain('private');
    // Ratings recorded before the parties were on the event are not published (no state in a translator).
    expect(consultingTranslator(recorded('InterviewRated', { interviewId: 'i-1', by: 'expert', score: 5, at: '2030-01-01T10:00:00.000Z' }))).toBeUndefined();
  });

  it('research groups go out as their v1 contracts: membership, milestones reached, the closing summary', () => {
    const rg = (type: string, data: unknown) => consultingTranslator(recorded(type, data, {}, 'research-group-g-1'));
    const at = '2030-01-01T10:00:00.000Z';
    expect(valid(rg('ResearchGroupFormed', { groupId: 'g-1', title: 'T', topic: 'x', demandId: null, organisationId: 'org-a', leadExpertId: 'e', startsAt: at, endsAt: at, formedBy: 'u', at })).data).toEqual({
      groupId: 'g-1',
      title: 'T',
      topic: 'x',
      organisationId: 'org-a',
      leadExpertId: 'e',
      startsAt: at,
      endsAt: at,
      formedAt: at,
    });
    expect(valid(rg('ResearchGroupMemberJoined', { groupId: 'g-1', expertId: 'e', by: 'u', at })).data).toEqual({ groupId: 'g-1', expertId: 'e', joinedAt: at });
    expect(valid(rg('ResearchGroupMemberLeft', { groupId: 'g-1', expertId: 'e', by: 'e', reason: 'busy', at })).data).toEqual({ groupId: 'g-1', expertId: 'e', leftAt: at });
    expect(valid(rg('MilestoneReached', { groupId: 'g-1', milestoneId: 'm', note: 'n', by: 'e', at }))).toMatchObject({ type: 'ResearchGroupMilestoneReached', data: { groupId: 'g-1', milestoneId: 'm', reachedAt: at } });
    const closed = rg('ResearchGroupClosed', { groupId: 'g-1', report: { summary: 'S', findings: ['secret'] }, missedMilestones: ['m2'], closedBy: 'e', at });
    expect(valid(closed).data).toEqual({ groupId: 'g-1', summary: 'S', missedMilestoneIds: ['m2'], closedAt: at });
    expect(JSON.stringify(closed)).not.toContain('secret');
    expect(rg('MilestonePlanned', { groupId: 'g-1', milestoneId: 'm', title: 't', dueAt: at, by: 'e', at })).toBeUndefined();
  });

  it('marked events (the pipeline probe) still go out as recorded', () => {
    expect(consultingTranslator(recorded('ProbeSent', { probeId: 'p', from: 'consulting', sentAt: '2030-01-01T10:00:00.000Z' }, { integration: true, version: 1 }))).toMatchObject({ type: 'ProbeSent', version: 1 });
  });
});
