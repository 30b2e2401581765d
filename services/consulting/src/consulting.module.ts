import { Module } from '@nestjs/common';
import { readModelQueries } from '@hope/platform';
import { ComplianceGate } from './application/compliance-gate';
import { DirectoryEventHandler } from './application/directory/directory.event-handler';
import { MatchingGateway } from './application/matching-gateway';
import { PointsGateway } from './application/points-gateway';
import { PointsPaymentSaga } from './application/points-payment.saga';
import { ExpertsHttpController } from './http/experts/experts.http.controller';
import { ResearchGroupsHttpController } from './http/research-groups/research-groups.http.controller';
import { InterviewsHttpController } from './http/interviews/interviews.http.controller';
import { MeetingsHttpController } from './http/meetings/meetings.http.controller';
import { ExpireInterviewsJob } from './jobs/expire-interviews.job';
import { ResumePointsPaymentsJob } from './jobs/resume-points-payments.job';
import { AvailabilityQueries, SqliteAvailabilityQueries } from './projections/availability/availability.queries';
import { BookingsQueries, SqliteBookingsQueries } from './projections/bookings/bookings.queries';
import { MeetingsQueries, SqliteMeetingsQueries } from './projections/meetings/meetings.queries';
import { PaymentsQueries, SqlitePaymentsQueries } from './projections/payments/payments.queries';
import { ResearchGroupsQueries, SqliteResearchGroupsQueries } from './projections/research-groups/research-groups.queries';

const controllers = [InterviewsHttpController, MeetingsHttpController, ExpertsHttpController, ResearchGroupsHttpController, DirectoryEventHandler];
const application = [PointsGateway, PointsPaymentSaga, MatchingGateway, ComplianceGate];
/** Each read model's query port, over the service's projection database. */
const queries = [
  readModelQueries(BookingsQueries, (db) => new SqliteBookingsQueries(db)),
  readModelQueries(AvailabilityQueries, (db) => new SqliteAvailabilityQueries(db)),
  readModelQueries(MeetingsQueries, (db) => new SqliteMeetingsQueries(db)),
  readModelQueries(PaymentsQueries, (db) => new SqlitePaymentsQueries(db)),
  readModelQueries(ResearchGroupsQueries, (db) => new SqliteResearchGroupsQueries(db)),
];
const jobs = [ExpireInterviewsJob, ResumePointsPaymentsJob];

/** Interviews and meetings; ports (EVENT_STORE, PROJECTIONS, CLOCK, IDS) and AggregateHandlers come from the platform. */
@Module({ controllers, providers: [...application, ...queries, ...jobs] })
export class ConsultingModule {}
