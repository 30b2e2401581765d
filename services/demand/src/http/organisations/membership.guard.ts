import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@hope/kernel';
import { OrganisationQueries } from '../../projections/organisations/organisations.queries';

/**
 * Tenancy rests on membership, not on the token's word. An `enterprise` caller acts for the organisation
 * its token names (the platform's verifier insists it names one) only while the membership read model
 * says it is a member; otherwise 403 before the handler runs, so nothing is written. It runs after the
 * platform's auth guard (global guards run in the order provided, the platform's first), so the principal
 * is set. WRITE DECISION ON A READ MODEL: every enterprise write is allowed or refused on the organisations
 * projection (membership changes wait for it).
 */
@Injectable()
export class MembershipGuard implements CanActivate {
  constructor(private readonly organisations: OrganisationQueries) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const who = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (who?.role === 'enterprise' && (who.organisationId === undefined || !this.organisations.isMember(who.organisationId, who.subject))) {
      throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${who.organisationId ?? '(none named)'}`);
    }
    return true;
  }
}
