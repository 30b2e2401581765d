import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { readModelQueries } from '../read-models';
import { MembershipEventHandler } from './membership.event-handler';
import { Memberships, SqliteMemberships } from './membership.projection';
import { TenancyGuard } from './tenancy.guard';

/** Membership consumed from demand and the tenancy gate on every request; a service opts in with `tenancy: true`. */
@Module({
  controllers: [MembershipEventHandler],
  providers: [readModelQueries(Memberships, (db) => new SqliteMemberships(db)), { provide: APP_GUARD, useClass: TenancyGuard }],
  exports: [Memberships],
})
export class MembershipModule {}
