import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ForbiddenError, type Principal } from '@hope/kernel';
import { OrganisationQueries } from '../../projections/organisations/organisations.queries';

/**
 * Tenancy rests on membership, not on the token's word. An `enterprise` caller acts for the organisation
 * its token names (the platform's verifier insists it names one) only while the membership read model
 * says it is a member; otherwise 403 before the handler runs, so nothing is written. Interceptors run
 * after the platform's auth guard, so the principal is set. WRITE DECISION ON A READ MODEL: every
 * enterprise write is allowed or refused on the organisations projection (membership changes wait for it).
 */
@Injectable()
export class MembershipInterceptor implements NestInterceptor {
  constructor(private readonly organisations: OrganisationQueries) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ principal?: Principal }>();
    const who = req.principal;
    if (who?.role === 'enterprise' && (who.organisationId === undefined || !this.organisations.isMember(who.organisationId, who.subject))) {
      throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${who.organisationId ?? '(none named)'}`);
    }
    return next.handle();
  }
}
