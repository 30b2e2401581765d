import type { AnyAggregate } from '@hope/kernel';
import { calendars } from './domain/interview/interview.aggregate';
import { meetings } from './domain/meeting/meeting.aggregate';
import { pointsPayments } from './domain/payment/points-payment.aggregate';
import { researchGroups } from './domain/research-group/research-group.aggregate';

export { consultingService } from './consulting.service';

/** Every aggregate consulting writes (the event-id stability replay handles commands through them). */
export const consultingAggregates: readonly AnyAggregate[] = [calendars, meetings, researchGroups, pointsPayments];
