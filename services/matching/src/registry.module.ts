import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { AggregateHandlers, PLATFORM_CONFIG, PROJECTIONS, readModelQueries, type PlatformConfig } from '@hope/platform';
import { ConsultationRatedEventHandler } from './application/consultation-rated.event-handler';
import { DemandEndedEventHandler } from './application/demand-ended.event-handler';
import { DemandPublishedEventHandler } from './application/demand-published.event-handler';
import { RematchExpertsJob } from './application/rematch-experts.job';
import { ExpertTextIndex } from './application/expert-text-index';
import { InterviewRequestedEventHandler } from './application/interview-requested.event-handler';
import { MeetingWaitListPromotedEventHandler } from './application/meeting-wait-list-promoted.event-handler';
import { InboxHttpController } from './http/inbox/inbox.http.controller';
import { InboxQueries, SqliteInboxQueries } from './projections/inbox/inbox.queries';
import { FunnelEventHandler } from './application/funnel.event-handler';
import { NdaAcceptedEventHandler } from './application/nda-accepted.event-handler';
import { MatchingIndex } from './application/matching-index';
import { KEY_STORE, SqliteKeyStore, type KeyStore } from './application/personal-data/key-store';
import { PersonalDataCipher } from './application/personal-data/personal-data-cipher';
import { PostgresKeyStore } from './application/personal-data/postgres-key-store';
import { EXPERTS } from './application/registry.handlers';
import { expertAggregate } from './domain/expert/expert.aggregate';
import { CompliancePolicyHttpController } from './http/compliance/compliance-policy.http.controller';
import { ExpertComplianceHttpController } from './http/compliance/expert-compliance.http.controller';
import { MatchesHttpController } from './http/matches/matches.http.controller';
import { CertificationHttpController } from './http/experts/certification.http.controller';
import { ExpertImportHttpController } from './http/experts/expert-import.http.controller';
import { ExpertsHttpController } from './http/experts/experts.http.controller';
import { FunnelHttpController } from './http/funnel/funnel.http.controller';
import { InvitationsHttpController } from './http/invitations/invitations.http.controller';
import { PersonalDataHttpController } from './http/personal-data/personal-data.http.controller';
import { ComplianceQueries } from './projections/compliance/compliance.queries';
import { SqliteComplianceQueries } from './projections/compliance/sqlite-compliance.queries';
import { OpenDemandsQueries, SqliteOpenDemandsQueries } from './projections/demands/open-demands.queries';
import { FunnelQueries } from './projections/funnel/funnel.queries';
import { SqliteFunnelQueries } from './projections/funnel/sqlite-funnel.queries';
import { RegistryQueries } from './projections/registry/registry.queries';
import { SqliteRegistryQueries } from './projections/registry/sqlite-registry.queries';

const controllers = [
  // Before ExpertsHttpController: `/experts/imports` is a path of its own, not an expert id.
  ExpertImportHttpController,
  ExpertsHttpController,
  CertificationHttpController,
  ExpertComplianceHttpController,
  CompliancePolicyHttpController,
  PersonalDataHttpController,
  InvitationsHttpController,
  MatchesHttpController,
  FunnelHttpController,
  DemandPublishedEventHandler,
  DemandEndedEventHandler,
  InterviewRequestedEventHandler,
  MeetingWaitListPromotedEventHandler,
  InboxHttpController,
  FunnelEventHandler,
  NdaAcceptedEventHandler,
  ConsultationRatedEventHandler,
];

/**
 * Per-expert keys: with several replicas, one PostgreSQL table they all see (MATCHING_KEYS_URL, see
 * PostgresKeyStore); else `<DATA_DIR>/matching.keys.sqlite` (embedded, one replica; see SqliteKeyStore).
 */
const keyStore = {
  provide: KEY_STORE,
  inject: [PLATFORM_CONFIG],
  useFactory: async (c: PlatformConfig): Promise<KeyStore> => {
    const url = process.env.MATCHING_KEYS_URL;
    if (url === undefined || url === '') return new SqliteKeyStore(join(c.dataDir, 'matching.keys.sqlite'));
    if (!/^postgres(?:ql)?:\/\//.test(url)) throw new TypeError('MATCHING_KEYS_URL must be a postgres:// or postgresql:// URL');
    return PostgresKeyStore.open(url);
  },
};
const cipher = { provide: PersonalDataCipher, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataCipher(keys) };
/** The expert aggregate needs the cipher (its decider seals and opens the personal fields): bound once, here. */
const experts = { provide: EXPERTS, inject: [AggregateHandlers, PersonalDataCipher], useFactory: (h: AggregateHandlers, c: PersonalDataCipher) => h.for(expertAggregate(c)) };
/**
 * The registry port opens profiles with the experts' keys, so it needs the cipher besides the database:
 * readModelQueries gives the implementation the database only, hence this factory.
 */
const registryQueries = {
  provide: RegistryQueries,
  inject: [PROJECTIONS, PersonalDataCipher],
  useFactory: (projections: ProjectionRunner, c: PersonalDataCipher) => new SqliteRegistryQueries(projections.db, c.opener),
};
const queries = [
  registryQueries,
  readModelQueries(FunnelQueries, (db) => new SqliteFunnelQueries(db)),
  readModelQueries(ComplianceQueries, (db) => new SqliteComplianceQueries(db)),
  readModelQueries(OpenDemandsQueries, (db) => new SqliteOpenDemandsQueries(db)),
  readModelQueries(InboxQueries, (db) => new SqliteInboxQueries(db)),
];
const providers = [keyStore, cipher, experts, ...queries, MatchingIndex, ExpertTextIndex, RematchExpertsJob];

/** The expert registry (profiles, tiers, certification, invitations, compliance, personal data), the funnel and the matching engine. */
@Module({ controllers, providers, exports: providers })
export class RegistryModule {}
