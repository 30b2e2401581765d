import { Module } from '@nestjs/common';
import { AccountCommands } from './application/account-commands';
import { EarningEventHandler } from './application/earning.event-handler';
import { defaultRuleBook, RULE_BOOK } from './application/rule-book';
import { AccountHttpController } from './http/accounts/account.http.controller';
import { AdjustmentsHttpController } from './http/adjustments/adjustments.http.controller';
import { CatalogueHttpController } from './http/catalogue/catalogue.http.controller';
import { RedemptionsHttpController } from './http/redemptions/redemptions.http.controller';
import { ReservationTimeoutJob } from './jobs/reservation-timeout.job';
import { UnlockPendingJob } from './jobs/unlock-pending.job';

const controllers = [AccountHttpController, RedemptionsHttpController, AdjustmentsHttpController, CatalogueHttpController, EarningEventHandler];
const application = [AccountCommands, { provide: RULE_BOOK, useValue: defaultRuleBook }];
export const pointsJobs = [ReservationTimeoutJob, UnlockPendingJob];

@Module({ controllers, providers: [...application, ...pointsJobs] })
export class PointsModule {}
