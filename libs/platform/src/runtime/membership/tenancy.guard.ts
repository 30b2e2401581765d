import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { PlatformRequest } from '../../http/http-types';
import { Memberships } from './membership.projection';
import { assertActsForItself } from './tenancy';

/**
 * Applies `assertActsForItself` to every HTTP request of a service that declares `tenancy: true`, before
 * its handler runs (so a refused request writes nothing). It runs after the platform's auth guard (global
 * guards run in the order they are provided, the platform's first), so the principal is set; public
 * routes have none and pass. The services' own checks (an enterprise reads its organisation's bookings,
 * account, groups) compare with the token's organisation, which this makes a verified fact.
 */
@Injectable()
export class TenancyGuard implements CanActivate {
  constructor(private readonly memberships: Memberships) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const who = context.switchToHttp().getRequest<PlatformRequest>().principal;
    if (who) assertActsForItself(this.memberships, who);
    return true;
  }
}
