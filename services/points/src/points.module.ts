import { Module } from '@nestjs/common';
import { AccountCommands } from './application/account-commands';
import { AccountQueries } from './application/account-queries';
import { EarningEventHandler } from './application/earning.event-handler';
import { QuotaCommands } from './application/quota-commands';
import { ProjectedRuleBook, RULE_BOOK } from './application/rule-book';
import { RulebookCommands } from './application/rulebook-commands';
import { SourceRecorder } from './application/source-recorder';
import { WhatIfQuery } from './application/what-if.query';
import { AccountHttpController } from './http/accounts/account.http.controller';
import { LeaderboardHttpController } from './http/leaderboard/leaderboard.http.controller';
import { AdjustmentsHttpController } from './http/adjustments/adjustments.http.controller';
import { RedemptionsHttpController } from './http/redemptions/redemptions.http.controller';
import { RulebookHttpController } from './http/rulebook/rulebook.http.controller';
import { WhatIfHttpController } from './http/what-if/what-if.http.controller';
import { EvaluateTiersJob } from './jobs/evaluate-tiers.job';
import { ExpirePointsJob } from './jobs/expire-points.job';
import { ReservationTimeoutJob } from './jobs/reservation-timeout.job';
import { UnlockPendingJob } from './jobs/unlock-pending.job';

const controllers = [AccountHttpController, RedemptionsHttpController, AdjustmentsHttpController, RulebookHttpController, LeaderboardHttpController, WhatIfHttpController, EarningEventHandler];
const application = [AccountCommands, AccountQueries, QuotaCommands, RulebookCommands, SourceRecorder, WhatIfQuery, { provide: RULE_BOOK, useClass: ProjectedRuleBook }];
export const pointsJobs = [ReservationTimeoutJob, UnlockPendingJob, ExpirePointsJob, EvaluateTiersJob];

@Module({ controllers, providers: [...application, ...pointsJobs] })
export class PointsModule {}
