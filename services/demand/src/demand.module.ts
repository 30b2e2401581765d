import { Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AggregateHandlers, CLOCK, readModelQueries, SERVICE_CLIENT, type Clock, type ServiceClient } from '@hope/platform';
import { DEMAND_DEPS, type DemandDeps } from './application/demands/demand.deps';
import { NEED_DEPS, type NeedDeps } from './application/needs/need.deps';
import { ORGANISATION_DEPS, type OrganisationDeps } from './application/organisations/organisation.deps';
import { PROPOSAL_DEPS, type ProposalDeps } from './application/proposals/proposal.deps';
import { demands } from './domain/demand/demand.aggregate';
import { funnels } from './domain/funnel/funnel.aggregate';
import { ndas } from './domain/nda/nda.aggregate';
import { needs } from './domain/need/need.aggregate';
import { organisations } from './domain/organisation/organisation.aggregate';
import { proposals } from './domain/proposal/proposal.aggregate';
import { questionThreads } from './domain/questions/questions.aggregate';
import { ConfidentialHttpController } from './http/confidential/confidential.http.controller';
import { DemandsHttpController } from './http/demands/demands.http.controller';
import { NeedsHttpController } from './http/needs/needs.http.controller';
import { MembershipGuard } from './http/organisations/membership.guard';
import { OrganisationsHttpController } from './http/organisations/organisations.http.controller';
import { ProposalsHttpController } from './http/proposals/proposals.http.controller';
import { QuestionsHttpController } from './http/questions/questions.http.controller';
import { ExpertsMatchedEventHandler } from './integration/experts-matched.event-handler';
import { ExpireDemandsJob } from './jobs/expire-demands.job';
import { NeedSagaJob } from './jobs/need-saga.job';
import { ConfidentialAccessQueries, SqliteConfidentialAccessQueries } from './projections/confidential-access/confidential-access.queries';
import { DashboardQueries, SqliteDashboardQueries } from './projections/dashboard/dashboard.queries';
import { DemandCatalogueQueries, SqliteDemandCatalogueQueries } from './projections/demand-catalogue/demand-catalogue.queries';
import { NeedQueries, SqliteNeedQueries } from './projections/needs/needs.queries';
import { OrganisationQueries, SqliteOrganisationQueries } from './projections/organisations/organisations.queries';
import { ProposalQueries, SqliteProposalQueries } from './projections/proposals/proposals.queries';

const controllers = [OrganisationsHttpController, DemandsHttpController, ProposalsHttpController, QuestionsHttpController, NeedsHttpController, ConfidentialHttpController];
const eventHandlers = [ExpertsMatchedEventHandler];
const jobs = [ExpireDemandsJob, NeedSagaJob];

// The use cases' dependencies: each aggregate's handler as the platform binds it, the clock, the points service.
const useCaseDeps: Provider[] = [
  {
    provide: DEMAND_DEPS,
    inject: [AggregateHandlers, CLOCK],
    useFactory: (a: AggregateHandlers, clock: Clock): DemandDeps => ({ demands: a.for(demands), ndas: a.for(ndas), funnels: a.for(funnels), clock }),
  },
  {
    provide: PROPOSAL_DEPS,
    inject: [AggregateHandlers, DEMAND_DEPS],
    useFactory: (a: AggregateHandlers, deps: DemandDeps): ProposalDeps => ({ ...deps, proposals: a.for(proposals), questionThreads: a.for(questionThreads) }),
  },
  {
    provide: ORGANISATION_DEPS,
    inject: [AggregateHandlers, CLOCK],
    useFactory: (a: AggregateHandlers, clock: Clock): OrganisationDeps => ({ organisations: a.for(organisations), clock }),
  },
  {
    provide: NEED_DEPS,
    inject: [AggregateHandlers, CLOCK, SERVICE_CLIENT],
    useFactory: (a: AggregateHandlers, clock: Clock, points: ServiceClient): NeedDeps => ({ needs: a.for(needs), demands: a.for(demands), clock, points }),
  },
];

const queries = [
  readModelQueries(OrganisationQueries, (db) => new SqliteOrganisationQueries(db)),
  readModelQueries(DemandCatalogueQueries, (db) => new SqliteDemandCatalogueQueries(db)),
  readModelQueries(ProposalQueries, (db) => new SqliteProposalQueries(db)),
  readModelQueries(DashboardQueries, (db) => new SqliteDashboardQueries(db)),
  readModelQueries(NeedQueries, (db) => new SqliteNeedQueries(db)),
  readModelQueries(ConfidentialAccessQueries, (db) => new SqliteConfidentialAccessQueries(db)),
];

// Every enterprise request is checked against the membership read model before its handler runs.
const tenancy = [{ provide: APP_GUARD, useClass: MembershipGuard }];

@Module({ controllers: [...controllers, ...eventHandlers], providers: [...useCaseDeps, ...queries, ...jobs, ...tenancy] })
export class DemandModule {}
