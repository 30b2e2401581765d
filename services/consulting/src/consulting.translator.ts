import type { RecordedEvent } from '@hope/kernel';
import type { ContractMapper, PublishedContract } from '@hope/messaging';
import type { InterviewEvent } from './domain/interview/interview.events';
import type { MeetingEvent } from './domain/meeting/meeting.events';
import { researchGroupStreamPrefix, type ResearchGroupEvent } from './domain/research-group/research-group.events';

type Contract = PublishedContract;
type ConsultingEvent = InterviewEvent | MeetingEvent | ResearchGroupEvent;

/** Research groups: membership, milestones and the closing summary (findings and notes stay private). */
const researchGroupContractOf = (e: ResearchGroupEvent): Contract | undefined => {
  switch (e.type) {
    case 'ResearchGroupFormed': {
      const d = e.data;
      return {
        type: 'ResearchGroupFormed',
        version: 1,
        data: {
          groupId: d.groupId,
          title: d.title,
          topic: d.topic,
          ...(d.demandId ? { demandId: d.demandId } : {}),
          organisationId: d.organisationId,
          leadExpertId: d.leadExpertId,
          startsAt: d.startsAt,
          endsAt: d.endsAt,
          formedAt: d.at,
        },
      };
    }
    case 'ResearchGroupMemberJoined':
      return { type: 'ResearchGroupMemberJoined', version: 1, data: { groupId: e.data.groupId, expertId: e.data.expertId, joinedAt: e.data.at } };
    case 'ResearchGroupMemberLeft':
      return { type: 'ResearchGroupMemberLeft', version: 1, data: { groupId: e.data.groupId, expertId: e.data.expertId, leftAt: e.data.at } };
    case 'MilestoneReached':
      return { type: 'ResearchGroupMilestoneReached', version: 1, data: { groupId: e.data.groupId, milestoneId: e.data.milestoneId, reachedAt: e.data.at } };
    case 'ResearchGroupClosed':
      return { type: 'ResearchGroupClosed', version: 1, data: { groupId: e.data.groupId, summary: e.data.report.summary, missedMilestoneIds: e.data.missedMilestones, closedAt: e.data.at } };
    default:
      return undefined;
  }
};

/** Internal events -> the versioned contracts of libs/contracts (never internal payloads as-is). */
const contractOf = (e: ConsultingEvent, stream: string): Contract | undefined => {
  if (stream.startsWith(researchGroupStreamPrefix)) return researchGroupContractOf(e as ResearchGroupEvent);
  switch (e.type) {
    case 'InterviewRequested': {
      const d = e.data;
      return {
        type: 'InterviewRequested',
        version: 1,
        data: { interviewId: d.interviewId, expertId: d.expertId, organisationId: d.organisationId, topic: d.topic, durationMinutes: d.durationMinutes, payment: d.payment, requestedAt: d.requestedAt, expiresAt: d.expiresAt },
      };
    }
    case 'InterviewConfirmed':
      return { type: 'InterviewConfirmed', version: 1, data: { interviewId: e.data.interviewId, expertId: e.data.expertId, organisationId: e.data.organisationId, start: e.data.start, end: e.data.end, confirmedAt: e.data.at } };
    case 'InterviewCancelled':
      return {
        type: 'InterviewCancelled',
        version: 1,
        data: { interviewId: e.data.interviewId, expertId: e.data.expertId, organisationId: e.data.organisationId, cancelledBy: e.data.cancelledBy, refundPercent: e.data.refundPercent, cancelledAt: e.data.at },
      };
    case 'InterviewCompleted':
      return { type: 'ConsultationCompleted', version: 1, data: { bookingId: e.data.interviewId, expertId: e.data.expertId, organisationId: e.data.organisationId, minutes: e.data.actualMinutes, completedAt: e.data.at } };
    case 'InterviewRated': {
      const d = e.data;
      // Ratings recorded before the parties were on the event cannot be published without state.
      if (!d.expertId || !d.organisationId) return undefined;
      return { type: 'ConsultationRated', version: 1, data: { bookingId: d.interviewId, expertId: d.expertId, organisationId: d.organisationId, ratedBy: d.by, score: d.score, ratedAt: d.at } };
    }
    case 'AttendanceRecorded':
      // Points rewards experts for attending; other attendees are not published.
      if (e.data.participantRole !== 'expert') return undefined;
      return { type: 'MeetingAttended', version: 1, data: { meetingId: e.data.meetingId, kind: e.data.kind, expertId: e.data.participantId, attendedAt: e.data.at } };
    case 'WaitListPromoted': {
      // The expert's news (matching's inbox). Enterprise participants are not published; promotions recorded
      // before the event carried the meeting's kind, title and start cannot be published without state.
      const d = e.data;
      if (d.participantRole !== 'expert' || d.kind === undefined || d.title === undefined || d.startsAt === undefined) return undefined;
      return { type: 'MeetingWaitListPromoted', version: 1, data: { meetingId: d.meetingId, kind: d.kind, title: d.title, startsAt: d.startsAt, expertId: d.participantId, promotedAt: d.at } };
    }
    default:
      return undefined;
  }
};

/**
 * Consulting's published contracts: the runtime builds the envelopes (ids, correlation, position) and
 * publishes events appended already marked as integration events (the probe).
 */
export const consultingContracts: ContractMapper = (recorded: RecordedEvent) => contractOf({ type: recorded.type, data: recorded.data } as ConsultingEvent, recorded.stream);
