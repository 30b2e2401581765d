import { projectionSpec } from '@hope/eventstore/testing';
import { inboxItemId, inboxProjection } from './inbox.projection';
import { SqliteInboxQueries } from './inbox.queries';

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const demand = (demandId: string, visibility: string) => ({ demandId, organisationId: 'org-a', title: { en: 't' }, description: {}, domain: 'hvac', keywords: [], capabilities: [], subProblems: [], visibility });
const given = [
  { stream: 'matches-d1', type: 'ExpertsMatched', data: { demandId: 'd1', sourceEventId: 's1', matches: [], matchedAt: at(0), confidentiality: 'public' } },
  { stream: 'matches-d1', type: 'MatchedExpertsInvited', data: { demandId: 'd1', expertIds: ['ann', 'ben'], invitedAt: at(0) } },
  { stream: 'matches-d1', type: 'DemandSubjectRecorded', data: { demand: demand('d1', 'public'), sourceEventId: 's1', recordedAt: at(0) } },
  { stream: 'matches-d2', type: 'ExpertsMatched', data: { demandId: 'd2', sourceEventId: 's2', matches: [], matchedAt: at(1), confidentiality: 'confidential' } },
  { stream: 'matches-d2', type: 'MatchedExpertsInvited', data: { demandId: 'd2', expertIds: ['ann'], invitedAt: at(1) } },
  { stream: 'matches-d2', type: 'MatchedExpertsInvited', data: { demandId: 'd2', subProblemId: 'sp1', expertIds: ['ann'], invitedAt: at(2) } },
  // Invited again to d1 after a revision: still the one invitation.
  { stream: 'matches-d1', type: 'MatchedExpertsInvited', data: { demandId: 'd1', expertIds: ['ann'], invitedAt: at(3) } },
  { stream: 'matches-d1', type: 'MatchedExpertInvitedByEnterprise', data: { demandId: 'd1', expertId: 'ann', organisationId: 'org-a', invitedBy: 'buyer', invitedAt: at(4) } },
  { stream: 'inbox-ann', type: 'InterviewRequestReceived', data: { expertId: 'ann', interviewId: 'i1', organisationId: 'org-a', topic: 'noise', requestedAt: at(5), expiresAt: at(59) } },
  { stream: 'inbox-ann', type: 'InboxItemRead', data: { expertId: 'ann', itemId: inboxItemId('matched', 'd1', ''), readAt: at(6) } },
  { stream: 'inbox-ben', type: 'MeetingPromotionReceived', data: { expertId: 'ben', meetingId: 'm1', meetingKind: 'exchange-meeting', title: 'Compressors', startsAt: at(50), promotedAt: at(7) } },
];

describe('inbox projection: given invitations, interview requests, meeting promotions and reads, then each expert their own items', () => {
  it('kinds per source, newest first, read state and the unread count; nobody sees another expert\'s items', () =>
    projectionSpec(inboxProjection, given, (db) => {
      const q = new SqliteInboxQueries(db);
      const ann = q.page('ann', { limit: 10 });
      expect(ann.items.map((i) => [i.kind, i.demandId ?? i.detail.interviewId, i.subProblemId, i.readAt])).toEqual([
        ['interview-request', 'i1', undefined, undefined],
        ['enterprise-invitation', 'd1', undefined, undefined],
        ['confidential-invitation', 'd2', 'sp1', undefined],
        ['confidential-invitation', 'd2', undefined, undefined],
        ['matched-invitation', 'd1', undefined, at(6)],
      ]);
      expect(ann.unread).toBe(4);
      expect(ann.items[0]!.detail).toEqual({ interviewId: 'i1', organisationId: 'org-a', topic: 'noise', expiresAt: at(59) });
      const ben = q.page('ben', { limit: 10 });
      expect(ben.items.map((i) => [i.kind, i.demandId, i.readAt])).toEqual([['meeting-promotion', undefined, undefined], ['matched-invitation', 'd1', undefined]]);
      expect(ben.items[0]!.detail).toEqual({ meetingId: 'm1', meetingKind: 'exchange-meeting', title: 'Compressors', startsAt: at(50) });
      expect(q.item('ben', ann.items[0]!.id)).toBeUndefined();
    }));

  it('pages by cursor and filters unread', () =>
    projectionSpec(inboxProjection, given, (db) => {
      const q = new SqliteInboxQueries(db);
      const first = q.page('ann', { limit: 2 });
      const second = q.page('ann', { limit: 2, cursor: first.nextCursor! });
      const third = q.page('ann', { limit: 2, cursor: second.nextCursor! });
      expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(q.page('ann', { limit: 10 }).items.map((i) => i.id));
      expect(third.nextCursor).toBeUndefined();
      expect(q.page('ann', { limit: 10, unreadOnly: true }).items.every((i) => i.readAt === undefined)).toBe(true);
    }));
});
