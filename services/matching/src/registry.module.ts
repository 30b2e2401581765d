import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@hope/platform';
import { ConsultationRatedEventHandler } from './application/consultation-rated.event-handler';
import { DemandPublishedEventHandler } from './application/demand-published.event-handler';
import { FunnelEventHandler } from './application/funnel.event-handler';
import { MatchingIndex } from './application/matching-index';
import { KEY_STORE, SqliteKeyStore, type KeyStore } from './application/personal-data/key-store';
import { PersonalDataCipher } from './application/personal-data/personal-data-cipher';
import { RegistryCommands } from './application/registry.commands';
import { CompliancePolicyHttpController } from './http/compliance/compliance-policy.http.controller';
import { ExpertComplianceHttpController } from './http/compliance/expert-compliance.http.controller';
import { MatchesHttpController } from './http/matches/matches.http.controller';
import { CertificationHttpController } from './http/experts/certification.http.controller';
import { ExpertsHttpController } from './http/experts/experts.http.controller';
import { FunnelHttpController } from './http/funnel/funnel.http.controller';
import { InvitationsHttpController } from './http/invitations/invitations.http.controller';
import { PersonalDataHttpController } from './http/personal-data/personal-data.http.controller';

const controllers = [
  ExpertsHttpController,
  CertificationHttpController,
  ExpertComplianceHttpController,
  CompliancePolicyHttpController,
  PersonalDataHttpController,
  InvitationsHttpController,
  MatchesHttpController,
  FunnelHttpController,
  DemandPublishedEventHandler,
  FunnelEventHandler,
  ConsultationRatedEventHandler,
];

/** Per-expert keys in `<DATA_DIR>/matching.keys.sqlite` (why there: see SqliteKeyStore). */
const keyStore = { provide: KEY_STORE, inject: [PLATFORM_CONFIG], useFactory: (c: PlatformConfig): KeyStore => new SqliteKeyStore(join(c.dataDir, 'matching.keys.sqlite')) };
const cipher = { provide: PersonalDataCipher, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataCipher(keys) };
const providers = [keyStore, cipher, RegistryCommands, MatchingIndex];

/** The expert registry (profiles, tiers, certification, invitations, compliance, personal data), the funnel and the matching engine. */
@Module({ controllers, providers, exports: providers })
export class RegistryModule {}
