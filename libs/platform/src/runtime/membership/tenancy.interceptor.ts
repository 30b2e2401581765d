import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { PlatformRequest } from '../../http/http-types';
import { Memberships } from './membership.projection';
import { assertActsForItself } from './tenancy';

/**
 * Applies `assertActsForItself` to every HTTP request of a service that declares `tenancy: true`, before
 * its handler runs (so a refused request writes nothing). Interceptors run after the auth guard, so the
 * principal is set; public routes have none and pass. The services' own checks (an enterprise reads
 * its organisation's bookings, account, groups) compare with the token's organisation, which this makes
 * a verified fact.
 */
@Injectable()
export class TenancyInterceptor implements NestInterceptor {
  constructor(private readonly memberships: Memberships) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const who = context.switchToHttp().getRequest<PlatformRequest>().principal;
    if (who) assertActsForItself(this.memberships, who);
    return next.handle();
  }
}
