import { Module } from '@nestjs/common';
import { DemandCommandHandler } from './application/demand.command-handler';
import { ProposalCommandHandler } from './application/proposal.command-handler';
import { DemandsHttpController } from './http/demands/demands.http.controller';
import { ProposalsHttpController } from './http/proposals/proposals.http.controller';

const controllers = [DemandsHttpController, ProposalsHttpController];
const applicationServices = [DemandCommandHandler, ProposalCommandHandler];

@Module({ controllers, providers: applicationServices })
export class DemandModule {}
