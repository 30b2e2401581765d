import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-errors';
import type { PlatformRequest } from '../http/http-types';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import type { Role } from './principal';
import { TokenVerifier } from './token-verifier';

/** Global guard: deny by default. A route is open only if marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message handlers are authenticated by the bus, not by bearer tokens.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true) return true;

    const req = context.switchToHttp().getRequest<PlatformRequest>();
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) throw new UnauthorizedError('AUTH.UNAUTHENTICATED', 'A bearer token is required');
    const principal = await this.verifier.verify(token);
    req.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles !== undefined && !roles.includes(principal.role)) {
      throw new ForbiddenError('AUTH.FORBIDDEN', `This action requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
