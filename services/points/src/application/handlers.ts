import type { AggregateHandler } from '@hope/kernel';
import type { AccountCommand } from '../domain/account/account.commands';
import type { AccountEvent } from '../domain/account/account.events';
import type { Account } from '../domain/account/account.state';
import type { Quota, QuotaCommand, QuotaEvent } from '../domain/quota/quota.decide';
import type { Rulebook, RulebookCommand, RulebookEvent } from '../domain/rulebook/rulebook.decide';
import type { SourceCommand, SourceEvent } from '../domain/what-if/source-facts';

/** The kernel's handler bound to each of the service's aggregates: what use cases are given to run commands. */
export type AccountHandler = AggregateHandler<Account, AccountCommand, AccountEvent>;
export type QuotaHandler = AggregateHandler<Quota, QuotaCommand, QuotaEvent>;
export type RulebookHandler = AggregateHandler<Rulebook, RulebookCommand, RulebookEvent>;
export type SourceHandler = AggregateHandler<{ readonly observed: boolean }, SourceCommand, SourceEvent>;

/** Time comes from the composition root (a manual clock in tests). */
export interface Now {
  now(): Date;
}
