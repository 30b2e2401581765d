import { aggregate, type AggregateHandler } from '@hope/kernel';
import type { InterviewCommand } from './interview.commands';
import { interviewDecider } from './interview.decide';
import { calendarStream, type InterviewEvent } from './interview.events';
import type { Calendar } from './interview.state';

/**
 * An expert's calendar (every interview of one expert, and their availability), keyed by expert id.
 * The handler names are the ones the events were first written under: they feed the event ids, so they
 * never change (the commands answered over HTTP kept the `consulting.<CommandType>` spelling).
 */
export const calendars = aggregate({
  name: 'consulting.calendar',
  streamOf: (expertId: string) => calendarStream(expertId),
  decider: interviewDecider,
  retries: 10,
  handlerNames: {
    RequestInterview: 'consulting.request-interview',
    PublishAvailability: 'consulting.publish-availability',
    AcceptInterview: 'consulting.AcceptInterview',
    CounterProposeInterview: 'consulting.CounterProposeInterview',
    DeclineInterview: 'consulting.DeclineInterview',
    ExpireInterview: 'consulting.expire-interview',
    RecordAttestation: 'consulting.RecordAttestation',
    RecordConflictCheck: 'consulting.conflict-check',
    RescheduleInterview: 'consulting.RescheduleInterview',
    CancelInterview: 'consulting.CancelInterview',
    CompleteInterview: 'consulting.CompleteInterview',
    RateInterview: 'consulting.RateInterview',
    RecordNoShow: 'consulting.RecordNoShow',
    FailInterviewPayment: 'consulting.payment-refused',
  } satisfies Record<InterviewCommand['type'], string>,
});

export type CalendarHandler = AggregateHandler<Calendar, InterviewCommand, InterviewEvent>;
