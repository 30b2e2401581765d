import { Module } from '@nestjs/common';
import { readModelQueries } from '@hope/platform';
import { DemandProposalsEventHandler } from './application/evaluations/demand-proposals.event-handler';
import { DemandResourcesEventHandler } from './application/resources/demand-resources.event-handler';
import { ResourceMatching } from './application/resources/resource-matching';
import { EvaluationsHttpController } from './http/evaluations/evaluations.http.controller';
import { ResourceImportsHttpController } from './http/resources/resource-imports.http.controller';
import { ResourceMatchesHttpController } from './http/resources/resource-matches.http.controller';
import { ResourcesHttpController } from './http/resources/resources.http.controller';
import { ResourceQueries } from './projections/resources/resources.queries';
import { SqliteResourceQueries } from './projections/resources/sqlite-resources.queries';

const controllers = [ResourceImportsHttpController, ResourcesHttpController, ResourceMatchesHttpController, EvaluationsHttpController, DemandResourcesEventHandler, DemandProposalsEventHandler];
const providers = [readModelQueries(ResourceQueries, (db) => new SqliteResourceQueries(db)), ResourceMatching];

/** Resources (technologies, patents, suppliers, institutions, labs): registry, bulk import, matching to demands, evaluation. */
@Module({ controllers, providers, exports: providers })
export class ResourcesModule {}
