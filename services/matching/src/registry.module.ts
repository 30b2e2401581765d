import { Module } from '@nestjs/common';
import { DemandPublishedEventHandler } from './application/demand-published.event-handler';
import { MatchingIndex } from './application/matching-index';
import { RegistryCommands } from './application/registry.commands';
import { MatchesHttpController } from './http/matches/matches.http.controller';
import { CertificationHttpController } from './http/experts/certification.http.controller';
import { ExpertsHttpController } from './http/experts/experts.http.controller';
import { InvitationsHttpController } from './http/invitations/invitations.http.controller';

const controllers = [ExpertsHttpController, CertificationHttpController, InvitationsHttpController, MatchesHttpController, DemandPublishedEventHandler];
const providers = [RegistryCommands, MatchingIndex];

/** The expert registry (profiles, tiers, certification, invitations) and the matching engine over it. */
@Module({ controllers, providers, exports: providers })
export class RegistryModule {}
