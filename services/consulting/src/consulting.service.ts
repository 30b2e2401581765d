import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';
import { consultingContracts } from './consulting.translator';
import { ConsultingModule } from './consulting.module';
import { ExpireInterviewsJob } from './jobs/expire-interviews.job';
import { ResumePointsPaymentsJob } from './jobs/resume-points-payments.job';
import { availabilityProjection } from './projections/availability/availability.projection';
import { researchGroupsProjection } from './projections/research-groups/research-groups.projection';
import { paymentsProjection } from './projections/payments/payments.projection';
import { bookingsProjection } from './projections/bookings/bookings.projection';
import { meetingsProjection } from './projections/meetings/meetings.projection';

/** Expert interviews, virtual research groups, exchange meetings and their seats. */
export const consultingService: ServiceDefinition = {
  name: 'consulting',
  defaultPort: 3003,
  title: 'HOPE consulting',
  description: 'Expert interviews, virtual research groups, exchange meetings and their seats.',
  // Enterprise callers act for their organisation only while demand says they are members (decision 0007).
  tenancy: true,
  imports: [ConsultingModule],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.consulting),
  publishes: consultingContracts,
  projections: [bookingsProjection, meetingsProjection, paymentsProjection, availabilityProjection, researchGroupsProjection],
  jobs: [ExpireInterviewsJob, ResumePointsPaymentsJob],
};
