import { aggregate } from '@hope/kernel';
import { inboxDecider } from './inbox.decide';

/** An expert's inbox, `inbox-<expertId>`. The handler names never change: they derive the event ids. */
export const inboxes = aggregate({
  name: 'matching.inbox',
  streamOf: (expertId: string) => `inbox-${expertId}`,
  decider: inboxDecider,
  handlerNames: {
    RecordInterviewRequest: 'matching.interview-request-received',
    RecordMeetingPromotion: 'matching.meeting-promotion-received',
    MarkInboxItemRead: 'matching.inbox-item-read',
  },
});
