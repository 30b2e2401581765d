import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../openapi/openapi-document';
import { UnauthorizedError } from '../errors/domain-errors';
import type { PlatformRequest } from '../http/http-types';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'hope:isPublic';
export const REQUIRED_ROLES = 'hope:roles';

/** Opens a route (or a controller) to callers without a token. Everything else needs one (and its OpenAPI operation says so). */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Restricts a route (or a controller) to these roles; the handler's list wins over the controller's. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller. On a @Public route without a token it throws 401 rather than pass undefined. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<PlatformRequest>().principal;
  if (principal === undefined) throw new UnauthorizedError();
  return principal;
});
