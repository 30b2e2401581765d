import 'reflect-metadata';
// eslint-disable-next-line no-restricted-imports -- the spec shows Nest's own decorator is not what the guard reads
import { Query as NestQuery, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ValidationError } from '../errors/domain-errors';
import { Query, QueryParamsGuard } from './query-params.guard';

class ListQuery {
  limit?: number;
}

class Controller {
  list(@Query() _q: ListQuery): void {}
  one(): void {}
  nestsOnly(@NestQuery() _q: ListQuery): void {}
}
class Subclass extends Controller {}

const contextOf = (type: new () => Controller, handler: 'list' | 'one' | 'nestsOnly', url: string): ExecutionContext =>
  ({
    getType: () => 'http',
    getClass: () => type,
    getHandler: () => type.prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: url, url }) }),
  }) as unknown as ExecutionContext;

describe('QueryParamsGuard', () => {
  const guard = new QueryParamsGuard(new Reflector());
  const refusal = (ctx: ExecutionContext) => {
    try {
      guard.canActivate(ctx);
    } catch (e) {
      if (e instanceof ValidationError) return e.fields.map((f) => f.field);
      throw e;
    }
    return 'accepted';
  };

  it('lets a handler with our Query() have its query (its DTO, whitelisted by the pipe, judges it)', () => {
    expect(refusal(contextOf(Controller, 'list', '/x?limit=1&other=2'))).toBe('accepted');
    expect(refusal(contextOf(Subclass, 'list', '/x?limit=1'))).toBe('accepted');
  });

  it('refuses every query parameter of a handler without one, naming each', () => {
    expect(refusal(contextOf(Controller, 'one', '/x?limit=1&status=closed&limit=2'))).toEqual(['limit', 'status']);
    expect(refusal(contextOf(Controller, 'one', '/x'))).toBe('accepted');
    expect(refusal(contextOf(Controller, 'one', '/x?'))).toBe('accepted');
  });

  it("reads our marker, not Nest's private route-argument metadata: Nest's @Query() alone is refused (loudly, never a quiet pass)", () => {
    expect(refusal(contextOf(Controller, 'nestsOnly', '/x?limit=1'))).toEqual(['limit']);
  });
});
