import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { ProjectionRunner } from '@hope/eventstore';
import { ForbiddenError, PROJECTIONS, type Principal } from '@hope/platform';
import { isMember } from '../../projections/organisations/organisations.projection';

/**
 * Tenancy rests on membership, not on the token's word. An `enterprise` caller acts for the organisation
 * its token names (the platform's verifier insists it names one) only while the membership read model
 * says it is a member; otherwise 403 before the handler runs, so nothing is written. Interceptors run
 * after the platform's auth guard, so the principal is set.
 */
@Injectable()
export class MembershipInterceptor implements NestInterceptor {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ principal?: Principal }>();
    const who = req.principal;
    if (who?.role === 'enterprise' && (who.organisationId === undefined || !isMember(this.projections.db, who.organisationId, who.subject))) {
      throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${who.organisationId ?? '(none named)'}`);
    }
    return next.handle();
  }
}
