import { Module } from '@nestjs/common';
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

const controllers = [DemandsHttpController, ProposalsHttpController, NeedsHttpController, ConfidentialHttpController];
const applicationServices = [DemandCommandHandler, ProposalCommandHandler, NeedSaga, ConfidentialAccess];
const jobs = [ExpireDemandsJob, NeedSagaJob];

@Module({ controllers, providers: [...applicationServices, ...jobs] })
export class DemandModule {}
