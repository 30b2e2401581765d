import { join } from 'node:path';
import type { AnyAggregate } from '@hope/kernel';
import { SqliteKeyStore } from './application/personal-data/key-store';
import { PersonalDataCipher } from './application/personal-data/personal-data-cipher';
import { policy } from './domain/compliance/policy.aggregate';
import { expertAggregate } from './domain/expert/expert.aggregate';
import { funnels } from './domain/funnel/funnel.aggregate';
import { inboxes } from './domain/inbox/inbox.aggregate';
import { invitations } from './domain/invitation/invitation.aggregate';
import { matches } from './domain/matches/matches.aggregate';
import { ratings } from './domain/ratings/ratings.aggregate';
import { resources } from './domain/resources/resource.aggregate';
import { resourceMatches } from './domain/resources/resource-matches.aggregate';
import { evaluations } from './domain/evaluations/evaluation.aggregate';

export { matchingService } from './matching.service';

/**
 * Every aggregate of the service (for the event-id stability replay). The expert aggregate seals with
 * per-expert keys, so it is built over a key store in `keyDir` (a temporary directory in a test).
 */
export const matchingAggregates = (keyDir: string): readonly AnyAggregate[] => [
  expertAggregate(new PersonalDataCipher(new SqliteKeyStore(join(keyDir, 'matching.keys.sqlite')))),
  invitations,
  policy,
  funnels,
  ratings,
  matches,
  inboxes,
  resources,
  resourceMatches,
  evaluations,
];
