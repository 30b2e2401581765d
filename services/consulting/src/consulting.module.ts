import { Module } from '@nestjs/common';
import { CommandRunner } from './application/command-runner';
import { InterviewsHttpController } from './http/interviews/interviews.http.controller';
import { MeetingsHttpController } from './http/meetings/meetings.http.controller';
import { ExpireInterviewsJob } from './jobs/expire-interviews.job';
import { BookingsQuery } from './projections/bookings/bookings.query';

const controllers = [InterviewsHttpController, MeetingsHttpController];
const application = [CommandRunner];
const queries = [BookingsQuery];
const jobs = [ExpireInterviewsJob];

/** Interviews and meetings; ports (EVENT_STORE, PROJECTIONS, CLOCK, IDS) come from the platform. */
@Module({ controllers, providers: [...application, ...queries, ...jobs] })
export class ConsultingModule {}
