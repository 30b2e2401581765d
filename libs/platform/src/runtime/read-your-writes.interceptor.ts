import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import type { PlatformRequest } from '../http/http-types';
import { AggregateHandlers } from './aggregate-handlers';

/**
 * Read-your-writes for commands answered from their aggregate's state (`wait: 'next-read'`): an HTTP
 * read (GET, HEAD) waits until the read models include every such command this process answered
 * before it; nothing to wait for (the usual case) costs one comparison.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly aggregates: AggregateHandlers) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const method = context.switchToHttp().getRequest<PlatformRequest>().method;
    if (method !== 'GET' && method !== 'HEAD') return next.handle();
    return from(this.aggregates.readsSeeAnsweredWrites()).pipe(switchMap(() => next.handle()));
  }
}
