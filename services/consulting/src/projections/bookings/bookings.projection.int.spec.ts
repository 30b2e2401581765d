import { projectionSpec } from '@hope/eventstore/testing';
import { bookingsProjection } from './bookings.projection';
import { SqliteBookingsQueries } from './bookings.queries';

const s = 'expert-calendar-exp-1';
const at = (h: number) => new Date(Date.UTC(2030, 0, 1, h)).toISOString();
const requested = (interviewId: string, h: number) => ({
  stream: s,
  type: 'InterviewRequested',
  data: { interviewId, expertId: 'exp-1', organisationId: 'org-a', requestedBy: 'u', topic: 'noise', durationMinutes: 60, slots: [at(48)], payment: 'points', requestedAt: at(h), expiresAt: at(h + 72) },
});

describe('bookings projection', () => {
  it('one row per interview through acceptance, the gate, confirmation and completion; overdue requests and held slots from it', async () => {
    await projectionSpec(
      bookingsProjection,
      [
        requested('i-1', 0),
        requested('i-2', 1),
        { stream: s, type: 'InterviewAccepted', data: { interviewId: 'i-1', start: at(48), end: at(49), acceptedBy: 'expert', at: at(2) } },
        { stream: s, type: 'ExpertAttestationRecorded', data: { interviewId: 'i-1', noConfidentialInformation: true, noConflictOfInterest: true, passed: true, at: at(3) } },
        { stream: s, type: 'ConflictCheckRecorded', data: { interviewId: 'i-1', passed: true, checkedBy: 'matching', reasons: [], at: at(4) } },
        { stream: s, type: 'InterviewConfirmed', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', start: at(48), end: at(49), at: at(4) } },
        { stream: s, type: 'InterviewCompleted', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', actualMinutes: 55, at: at(50) } },
        { stream: s, type: 'InterviewRated', data: { interviewId: 'i-1', by: 'enterprise', score: 4, at: at(51) } },
      ],
      (db) => {
        const q = new SqliteBookingsQueries(db);
        expect(q.find('i-1')).toMatchObject({
          status: 'completed',
          slot: { start: at(48), end: at(49) },
          compliance: { attestationPassed: true, conflictCheckPassed: true, conflictReasons: [] },
          actualMinutes: 55,
          ratings: { expert: null, enterprise: 4 },
          updatedAt: at(51),
        });
        expect(q.find('i-2')).toMatchObject({ status: 'requested', slot: null, compliance: { attestationPassed: null, conflictCheckPassed: null, conflictReasons: null } });
        expect(q.list({ organisationId: 'org-a' }).items.map((b) => b.interviewId)).toEqual(['i-1', 'i-2']);
        expect(q.overdueRequests(at(80), 10)).toEqual([{ interviewId: 'i-2', expertId: 'exp-1', expiresAt: at(73) }]);
        expect(q.busySlots('exp-1', at(0), at(100))).toEqual([]);
        expect(q.calendar('exp-1').map((b) => b.interviewId)).toEqual(['i-1']);
      },
    );
  });

  it('a confirmed call holds its slot; a cancelled one keeps its refund and frees it', async () => {
    await projectionSpec(
      bookingsProjection,
      [
        requested('i-3', 0),
        { stream: s, type: 'InterviewConfirmed', data: { interviewId: 'i-3', expertId: 'exp-1', organisationId: 'org-a', start: at(48), end: at(49), at: at(2) } },
        requested('i-4', 1),
        { stream: s, type: 'InterviewAccepted', data: { interviewId: 'i-4', start: at(60), end: at(61), acceptedBy: 'expert', at: at(3) } },
        { stream: s, type: 'InterviewCancelled', data: { interviewId: 'i-4', expertId: 'exp-1', organisationId: 'org-a', cancelledBy: 'enterprise', reason: 'x', refundPercent: 100, at: at(4) } },
      ],
      (db) => {
        const q = new SqliteBookingsQueries(db);
        expect(q.busySlots('exp-1', at(0), at(100))).toEqual([{ start: Date.parse(at(48)), end: Date.parse(at(49)) }]);
        expect(q.find('i-4')).toMatchObject({ status: 'cancelled', refundPercent: 100 });
      },
    );
  });
});
