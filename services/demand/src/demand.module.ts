import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DemandCommandHandler } from './application/demand.command-handler';
import { ProposalCommandHandler } from './application/proposal.command-handler';
import { DemandsHttpController } from './http/demands/demands.http.controller';
import { ProposalsHttpController } from './http/proposals/proposals.http.controller';
import { ExpireDemandsJob } from './jobs/expire-demands.job';
import { NeedSagaJob } from './jobs/need-saga.job';
import { NeedSaga } from './application/need-saga';
import { NeedsHttpController } from './http/needs/needs.http.controller';
import { ConfidentialAccess } from './application/confidential-access';
import { ConfidentialHttpController } from './http/confidential/confidential.http.controller';
import { OrganisationCommandHandler } from './application/organisation.command-handler';
import { OrganisationsHttpController } from './http/organisations/organisations.http.controller';
import { MembershipInterceptor } from './http/organisations/membership.interceptor';
import { QuestionThreadCommandHandler } from './application/question-thread.command-handler';
import { QuestionsHttpController } from './http/questions/questions.http.controller';
import { FunnelRecorder } from './application/funnel-recorder';
import { ExpertsMatchedEventHandler } from './integration/experts-matched.event-handler';

const controllers = [OrganisationsHttpController, DemandsHttpController, ProposalsHttpController, QuestionsHttpController, NeedsHttpController, ConfidentialHttpController];
const eventHandlers = [ExpertsMatchedEventHandler];
const applicationServices = [OrganisationCommandHandler, DemandCommandHandler, ProposalCommandHandler, QuestionThreadCommandHandler, FunnelRecorder, NeedSaga, ConfidentialAccess];
const jobs = [ExpireDemandsJob, NeedSagaJob];
// Every enterprise request is checked against the membership read model before its handler runs.
const tenancy = [{ provide: APP_INTERCEPTOR, useClass: MembershipInterceptor }];

@Module({ controllers: [...controllers, ...eventHandlers], providers: [...applicationServices, ...jobs, ...tenancy] })
export class DemandModule {}
