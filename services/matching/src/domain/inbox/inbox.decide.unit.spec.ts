import { DeciderSpecification } from '@hope/kernel/testing';
import { inboxDecider, type InboxCommand, type InboxEvent } from './inbox.decide';

const now = new Date('2026-06-01T00:00:00Z');
const request = { expertId: 'ann', interviewId: 'i1', organisationId: 'org-a', topic: 'compressor noise', requestedAt: now.toISOString(), expiresAt: '2026-06-04T00:00:00.000Z' };
const received: InboxEvent = { type: 'InterviewRequestReceived', data: request };
const record: InboxCommand = { type: 'RecordInterviewRequest', data: request, metadata: { now } };
const markRead = (itemId: string): InboxCommand => ({ type: 'MarkInboxItemRead', data: { expertId: 'ann', itemId }, metadata: { now } });

describe("an expert's inbox", () => {
  const spec = DeciderSpecification.for(inboxDecider);

  it('given nothing, when an interview request arrives, then it is received; the same request again adds nothing', () => {
    spec.given([]).when(record).then([received]);
    spec.given([received]).when(record).thenNothingHappened();
  });

  it('given nothing, when a meeting promotion arrives, then it is received once; a later promotion to the same meeting is another', () => {
    const promotion = { expertId: 'ann', meetingId: 'm1', meetingKind: 'exchange-meeting', title: 'Compressors', startsAt: '2026-06-10T09:00:00.000Z', promotedAt: now.toISOString() };
    const promote = (data = promotion): InboxCommand => ({ type: 'RecordMeetingPromotion', data, metadata: { now } });
    const promoted: InboxEvent = { type: 'MeetingPromotionReceived', data: promotion };
    spec.given([received]).when(promote()).then([promoted]);
    spec.given([received, promoted]).when(promote()).thenNothingHappened();
    const later = { ...promotion, promotedAt: '2026-06-02T00:00:00.000Z' };
    spec.given([promoted]).when(promote(later)).then([{ type: 'MeetingPromotionReceived', data: later }]);
  });

  it('given an item, when it is read, then the read is recorded once', () => {
    spec.given([received]).when(markRead('x1')).then([{ type: 'InboxItemRead', data: { expertId: 'ann', itemId: 'x1', readAt: now.toISOString() } }]);
    spec.given([received, { type: 'InboxItemRead', data: { expertId: 'ann', itemId: 'x1', readAt: now.toISOString() } }]).when(markRead('x1')).thenNothingHappened();
  });
});
