import { Module } from '@nestjs/common';
import { AggregateHandlers, CLOCK, EVENT_STORE, readModelQueries, type Clock } from '@hope/platform';
import type { EventStore } from '@hope/kernel';
import { AccountQueries } from './application/account-queries';
import { EarningEventHandler } from './application/earning.event-handler';
import { WhatIfQuery } from './application/what-if.query';
import { accounts } from './domain/account/account.aggregate';
import { AccountHttpController } from './http/accounts/account.http.controller';
import { AdjustmentsHttpController } from './http/adjustments/adjustments.http.controller';
import { DebtsHttpController } from './http/debts/debts.http.controller';
import { LeaderboardHttpController } from './http/leaderboard/leaderboard.http.controller';
import { RedemptionsHttpController } from './http/redemptions/redemptions.http.controller';
import { RulebookHttpController } from './http/rulebook/rulebook.http.controller';
import { WhatIfHttpController } from './http/what-if/what-if.http.controller';
import { EvaluateTiersJob } from './jobs/evaluate-tiers.job';
import { ExpirePointsJob } from './jobs/expire-points.job';
import { ReservationTimeoutJob } from './jobs/reservation-timeout.job';
import { UnlockPendingJob } from './jobs/unlock-pending.job';
import { AsOfCheckpointQueries, SqliteAsOfCheckpointQueries } from './projections/as-of/as-of-checkpoints.queries';
import { BalanceQueries, SqliteBalanceQueries } from './projections/balance/balance.queries';
import { LeaderboardQueries, SqliteLeaderboardQueries } from './projections/leaderboard/leaderboard.queries';
import { LedgerQueries, SqliteLedgerQueries } from './projections/ledger/ledger.queries';
import { RulebookQueries, SqliteRulebookQueries } from './projections/rulebook/rulebook.queries';
import { SourceQueries, SqliteSourceQueries } from './projections/sources/sources.queries';

const controllers = [AccountHttpController, RedemptionsHttpController, AdjustmentsHttpController, DebtsHttpController, RulebookHttpController, LeaderboardHttpController, WhatIfHttpController, EarningEventHandler];
/** Each projection's query port over the service's read-model database. */
const queries = [
  readModelQueries(BalanceQueries, (db) => new SqliteBalanceQueries(db)),
  readModelQueries(LedgerQueries, (db) => new SqliteLedgerQueries(db)),
  readModelQueries(LeaderboardQueries, (db) => new SqliteLeaderboardQueries(db)),
  readModelQueries(RulebookQueries, (db) => new SqliteRulebookQueries(db)),
  readModelQueries(SourceQueries, (db) => new SqliteSourceQueries(db)),
  readModelQueries(AsOfCheckpointQueries, (db) => new SqliteAsOfCheckpointQueries(db)),
];
const application = [
  {
    provide: AccountQueries,
    // The store is read here, never written: "as of" reads the account's events before an instant.
    useFactory: (store: EventStore, aggregates: AggregateHandlers, balances: BalanceQueries, ledger: LedgerQueries, asOfCheckpoints: AsOfCheckpointQueries, clock: Clock) =>
      new AccountQueries({ store, accounts: aggregates.for(accounts), balances, ledger, asOfCheckpoints, clock }),
    inject: [EVENT_STORE, AggregateHandlers, BalanceQueries, LedgerQueries, AsOfCheckpointQueries, CLOCK],
  },
  { provide: WhatIfQuery, useFactory: (ledger: LedgerQueries, sources: SourceQueries) => new WhatIfQuery(ledger, sources), inject: [LedgerQueries, SourceQueries] },
];
export const pointsJobs = [ReservationTimeoutJob, UnlockPendingJob, ExpirePointsJob, EvaluateTiersJob];

@Module({ controllers, providers: [...queries, ...application, ...pointsJobs] })
export class PointsModule {}
