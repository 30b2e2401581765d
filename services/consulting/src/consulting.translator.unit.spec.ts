import { createEventRegistry } from '@hope/contracts';
import type { RecordedEvent } from '@hope/eventstore';
import { consultingTranslator } from './consulting.translator';

const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: '6f1c1f4e-2d4c-5a8b-9c1d-1234567890ab',
  type,
  data,
  metadata,
  stream: 'expert-calendar-exp-1',
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

  it('confirmed and cancelled calls go out in their v1 contracts', () => {
    const confirmed = consultingTranslator(recorded('InterviewConfirmed', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', start: '2030-01-02T10:00:00.000Z', end: '2030-01-02T11:00:00.000Z', at: '2030-01-01T10:00:00.000Z' }));
    expect(valid(confirmed).data).toEqual({ interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', start: '2030-01-02T10:00:00.000Z', end: '2030-01-02T11:00:00.000Z', confirmedAt: '2030-01-01T10:00:00.000Z' });
    const cancelled = consultingTranslator(recorded('InterviewCancelled', { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', cancelledBy: 'enterprise', reason: 'x', refundPercent: 50, at: '2030-01-01T10:00:00.000Z' }));
    expect(valid(cancelled)).toMatchObject({ type: 'InterviewCancelled', data: { refundPercent: 50, cancelledBy: 'enterprise' } });
  });

  it('marked events (the pipeline probe) still go out as recorded', () => {
    expect(consultingTranslator(recorded('ProbeSent', { probeId: 'p' }, { integration: true, version: 1 }))).toMatchObject({ type: 'ProbeSent', version: 1 });
  });
});
