import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, type Observable } from 'rxjs';
import { IllegalStateError, ValidationError } from '../errors/domain-errors';
import { requestPath, type PlatformRequest, type PlatformResponse } from '../http/http-types';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem';
import type { SharedState } from '../shared-state/shared-state.port';
import { SHARED_STATE } from '../tokens';
import { idempotencyKeyOf } from './command-meta';
import { callerGeneration } from './caller-answers';
import { canonicalJson, sha256 } from './fingerprint';
import { IDEMPOTENCY_HEADER, IDEMPOTENT, type IdempotentOptions } from './idempotency.options';
import { IdempotentReplay, type StoredResponse } from './stored-response';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long an unfinished first attempt answers its retries 409 (a lease, so a crashed holder frees the
 * key). Its expiry duplicates nothing: the command id follows from the key (`commandMetaOf`), so a
 * retry after it (or after a crash, or with the entry lost) is a kernel duplicate answered from the stream.
 */
const IN_PROGRESS_TTL_MS = 60_000;

type Entry = { state: 'in-progress'; fingerprint: string } | { state: 'done'; fingerprint: string; response: StoredResponse };

/**
 * A fast replay in front of the real record. The record of a keyed command is its events (the command
 * id derives from the key, see command-meta.ts); this cache only replays the exact first response.
 * Deduplicates @Idempotent routes through SharedState. The key is scoped by caller, method and path,
 * so two callers (or two resources) can never see each other's answers. The first finished answer
 * (2xx-4xx) is stored and replayed; a 5xx is forgotten so the retry can succeed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SHARED_STATE) private readonly state: SharedState,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (options === undefined || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<PlatformRequest>();
    const res = context.switchToHttp().getResponse<PlatformResponse>();
    // An empty header (or spaces, which Node trims away) is a key the client meant to send but lost:
    // serving it unkeyed let a retry with it spend twice.
    const value = req.headers[IDEMPOTENCY_HEADER.toLowerCase()] === '' ? '' : idempotencyKeyOf(req);
    if (value === undefined) {
      if (options.required === true) {
        throw new ValidationError('IDEMPOTENCY.KEY_REQUIRED', `The ${IDEMPOTENCY_HEADER} header is required`, [
          { field: IDEMPOTENCY_HEADER, reason: 'header is required' },
        ]);
      }
      return next.handle();
    }
    if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
      throw new ValidationError('IDEMPOTENCY.KEY_INVALID', `The ${IDEMPOTENCY_HEADER} header is invalid`, [
        { field: IDEMPOTENCY_HEADER, reason: 'must be 1-255 visible ASCII characters' },
      ]);
    }
    const subject = req.principal?.subject ?? 'anonymous';
    const fingerprint = sha256(canonicalJson(req.body ?? null));
    return from(this.run(subject, value, fingerprint, options.ttlMs ?? DAY_MS, req, res, next));
  }

  private async run(subject: string, value: string, fingerprint: string, ttlMs: number, req: PlatformRequest, res: PlatformResponse, next: CallHandler): Promise<unknown> {
    // The caller's generation is empty until their answers were forgotten (caller-answers.ts).
    const generation = await callerGeneration(this.state, subject);
    const key = `idem:${sha256([subject, req.method, requestPath(req), value].join('\n') + (generation === '' ? '' : `\n${generation}`))}`;
    const claimed = await this.state.setIfAbsent(key, JSON.stringify({ state: 'in-progress', fingerprint } satisfies Entry), IN_PROGRESS_TTL_MS);
    if (!claimed) throw await this.answerForDuplicate(key, fingerprint);

    let body: unknown;
    try {
      body = await lastValue(next.handle());
    } catch (error) {
      const { problem } = toProblem(error, { instance: requestPath(req), hadIfMatch: req.headers['if-match'] !== undefined });
      if (problem.status >= 500) await this.state.delete(key);
      else await this.store(key, fingerprint, ttlMs, { status: problem.status, contentType: PROBLEM_CONTENT_TYPE, body: problem });
      throw error;
    }
    // Nest set the route's status before interceptors ran; it is the status the client will see.
    const status = res.statusCode;
    if (status >= 500) await this.state.delete(key);
    else await this.store(key, fingerprint, ttlMs, { status, contentType: 'application/json', body: body ?? null });
    return body;
  }

  private async store(key: string, fingerprint: string, ttlMs: number, response: StoredResponse): Promise<void> {
    await this.state.set(key, JSON.stringify({ state: 'done', fingerprint, response } satisfies Entry), ttlMs);
  }

  private async answerForDuplicate(key: string, fingerprint: string): Promise<unknown> {
    const raw = await this.state.get(key);
    // Gone between our two calls: the first attempt failed or expired; the client may simply retry.
    if (raw === undefined) return inProgress();
    const entry = JSON.parse(raw) as Entry;
    if (entry.fingerprint !== fingerprint) {
      return new IllegalStateError('IDEMPOTENCY.KEY_REUSED', `This ${IDEMPOTENCY_HEADER} was used with a different request body`, {
        status: 422,
      });
    }
    if (entry.state === 'in-progress') return inProgress();
    return new IdempotentReplay(entry.response);
  }
}

const inProgress = (): IllegalStateError =>
  new IllegalStateError('IDEMPOTENCY.IN_PROGRESS', `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry later`);

function lastValue(source: Observable<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let last: unknown;
    source.subscribe({ next: (v) => (last = v), error: reject, complete: () => resolve(last) });
  });
}
