import { Module } from '@nestjs/common';
import { ComplianceGate } from './application/compliance-gate';
import { MatchingGateway } from './application/matching-gateway';
import { PointsGateway } from './application/points-gateway';
import { PointsPaymentSaga } from './application/points-payment.saga';
import { ExpertsHttpController } from './http/experts/experts.http.controller';
import { ResearchGroupsHttpController } from './http/research-groups/research-groups.http.controller';
import { InterviewsHttpController } from './http/interviews/interviews.http.controller';
import { MeetingsHttpController } from './http/meetings/meetings.http.controller';
import { ExpireInterviewsJob } from './jobs/expire-interviews.job';
import { ResumePointsPaymentsJob } from './jobs/resume-points-payments.job';
import { BookingsQuery } from './projections/bookings/bookings.query';

const controllers = [InterviewsHttpController, MeetingsHttpController, ExpertsHttpController, ResearchGroupsHttpController];
const application = [PointsGateway, PointsPaymentSaga, MatchingGateway, ComplianceGate];
const queries = [BookingsQuery];
const jobs = [ExpireInterviewsJob, ResumePointsPaymentsJob];

/** Interviews and meetings; ports (EVENT_STORE, PROJECTIONS, CLOCK, IDS) come from the platform. */
@Module({ controllers, providers: [...application, ...queries, ...jobs] })
export class ConsultingModule {}
