import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { PlatformRequest } from '../http/http-types';
import { AggregateHandlers } from './aggregate-handlers';

/**
 * Read-your-writes for commands answered from their aggregate's state (`wait: 'next-read'`): an HTTP
 * read (GET, HEAD) waits until the read models include every such command this process answered
 * before it; nothing to wait for (the usual case) costs one comparison and no promise. A guard, not an
 * interceptor: it only holds the request back, and a route with no interceptor skips Nest's rxjs
 * wrapping (decision 0058). Registered after the platform's guards, so a refused request never waits.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(private readonly aggregates: AggregateHandlers) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const method = context.switchToHttp().getRequest<PlatformRequest>().method;
    if (method !== 'GET' && method !== 'HEAD') return true;
    const waiting = this.aggregates.answeredWritesToSee();
    return waiting === undefined ? true : waiting.then(() => true);
  }
}
