import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { Writable } from 'node:stream';
import request from 'supertest';
import {
  CurrentPrincipal,
  Idempotent,
  IllegalStateError,
  Public,
  ReadinessRegistry,
  Roles,
  createServiceApp,
  currentCorrelationId,
  loadPlatformConfig,
  type Principal,
  type ServiceApp,
} from '@hope/platform';

class AddressDto {
  @IsString() @MinLength(2) city!: string;
}
class CreateThingDto {
  @IsString() @MinLength(3) name!: string;
  @IsInt() @Min(1) @Max(10) qty!: number;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}
class SpendDto {
  @IsInt() @Min(1) amount!: number;
}

/** Counts side effects so the tests can tell "ran once" from "answered twice". */
class Effects {
  spends = 0;
}

@Controller('things')
class ThingsController {
  constructor(@Inject(Effects) private readonly effects: Effects) {}

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post()
  @Roles('enterprise')
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Post('spend')
  @Idempotent()
  async spend(@Body() body: SpendDto): Promise<{ spendNo: number; amount: number; correlationId?: string }> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.effects.spends += 1;
    return { spendNo: this.effects.spends, amount: body.amount, correlationId: currentCorrelationId() };
  }

  @Post('strict')
  @HttpCode(200)
  @Idempotent({ required: true })
  strict(): { ok: true } {
    return { ok: true };
  }

  @Post('refuse')
  @Idempotent()
  refuse(): never {
    this.effects.spends += 1;
    throw new IllegalStateError('THINGS.NOT_ENOUGH', 'Not enough things');
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('secret database password in stack');
  }
}

@Module({ controllers: [ThingsController], providers: [Effects] })
class ThingsModule {}

describe('platform wiring over HTTP', () => {
  let svc: ServiceApp;
  let logs: string[];
  let effects: Effects;
  let http: ReturnType<typeof request>;
  const token = (role: Principal['role'], org?: string): Promise<string> =>
    svc.devIssuer!.issue({ sub: `user-${role}`, role, ...(org !== undefined ? { org } : {}) });

  beforeAll(async () => {
    logs = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const config = loadPlatformConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', SERVICE_NAME: 'things' });
    svc = await createServiceApp({
      config,
      module: ThingsModule,
      port: 0,
      host: '127.0.0.1',
      logDestination: sink,
      shutdownHooks: false,
      readiness: { 'event-store': async () => undefined },
    });
    effects = svc.app.get(Effects);
    http = request(svc.url);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('keeps idle connections open longer than clients and proxies do (65 s, not Node\'s 5 s), so it never closes a socket being reused', async () => {
    const res = await http.get('/health/live').set('connection', 'keep-alive');
    expect(res.headers['keep-alive']).toBe('timeout=65');
  });

  describe('auth', () => {
    it('401 problem+json without a token, with WWW-Authenticate', async () => {
      const res = await http.get('/things/me').expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED', instance: '/things/me' });
    });

    it('401 for a forged token', async () => {
      const good = await token('expert');
      const forged = `${good.slice(0, -4)}AAAA`;
      const res = await http.get('/things/me').set('Authorization', `Bearer ${forged}`).expect(401);
      expect(res.body.code).toBe('AUTH.INVALID_TOKEN');
    });

    it('403 for the wrong role', async () => {
      const res = await http
        .post('/things')
        .set('Authorization', `Bearer ${await token('expert')}`)
        .send({ name: 'abc', qty: 1, address: { city: 'Qingdao' } })
        .expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    });

    it('200 with the principal for a valid token', async () => {
      const res = await http.get('/things/me').set('Authorization', `Bearer ${await token('enterprise', 'org-1')}`).expect(200);
      expect(res.body).toEqual({ subject: 'user-enterprise', role: 'enterprise', organisationId: 'org-1' });
    });

    it('201 for the right role', async () => {
      await http
        .post('/things')
        .set('Authorization', `Bearer ${await token('enterprise', 'org-1')}`)
        .send({ name: 'abc', qty: 2, address: { city: 'Qingdao' } })
        .expect(201, { name: 'abc', qty: 2, address: { city: 'Qingdao' } });
    });
  });

  describe('problem+json', () => {
    it('400 listing each bad field, nested and unknown ones too', async () => {
      const res = await http
        .post('/things')
        .set('Authorization', `Bearer ${await token('enterprise', 'org-1')}`)
        .send({ name: 'x', qty: 99, address: { city: 'Q' }, colour: 'red' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', title: 'Bad request', instance: '/things' });
      const fields = (res.body.errors as Array<{ field: string; reason: string }>).map((e) => e.field).sort();
      expect(fields).toEqual(['address.city', 'colour', 'name', 'qty']);
      expect(res.body.errors).toContainEqual({ field: 'colour', reason: 'property colour should not exist' });
    });

    it('400 for malformed JSON', async () => {
      const res = await http
        .post('/things')
        .set('Authorization', `Bearer ${await token('enterprise', 'org-1')}`)
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON' });
    });

    it('413 for a body over the limit', async () => {
      const res = await http
        .post('/things')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(300 * 1024) }))
        .expect(413);
      expect(res.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    });

    it('404 problem for an unknown route', async () => {
      const res = await http.get('/nowhere').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.status).toBe(404);
    });

    it('500 hides internals, and logs the error with its correlation id', async () => {
      const res = await http.get('/things/boom').set('x-correlation-id', 'corr-boom-1').expect(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'An unexpected error occurred', correlationId: 'corr-boom-1' });
      expect(JSON.stringify(res.body)).not.toContain('secret');
      const logged = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['correlationId'] === 'corr-boom-1' && l['err']);
      expect(logged).toMatchObject({ level: 50, service: 'things', msg: 'Unhandled error' });
      expect(JSON.stringify(logged)).toContain('secret database password');
    });

    it('each request is one log line when it ends (a 5xx at error), with its correlation id and never its credentials', async () => {
      const auth = await token('expert');
      await http.get('/things/boom').set('x-correlation-id', 'corr-boom-2').set('Authorization', `Bearer ${auth}`).expect(500);
      await new Promise((resolve) => setImmediate(resolve));
      const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['correlationId'] === 'corr-boom-2' && l['msg'] === 'request errored');
      expect(lines).toEqual([expect.objectContaining({ level: 50, req: { method: 'GET', url: '/things/boom' }, res: { statusCode: 500 }, responseTime: expect.any(Number) })]);
      expect(logs.join('\n')).not.toContain(auth);
    });
  });

  describe('idempotency', () => {
    const spend = async (key: string | undefined, body: object, auth: string) => {
      const req = http.post('/things/spend').set('Authorization', `Bearer ${auth}`);
      if (key !== undefined) req.set('Idempotency-Key', key);
      return req.send(body);
    };

    it('replays the first answer for a retry, running the handler once', async () => {
      const auth = await token('expert');
      const before = effects.spends;
      const first = await spend('k-replay', { amount: 5 }, auth);
      const second = await spend('k-replay', { amount: 5 }, auth);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(effects.spends).toBe(before + 1);
    });

    it('scopes keys by caller: another subject with the same key runs again', async () => {
      const before = effects.spends;
      await spend('k-scope', { amount: 1 }, await token('expert'));
      const other = await spend('k-scope', { amount: 1 }, await token('operator'));
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(effects.spends).toBe(before + 2);
    });

    it('422 when the same key comes with a different body', async () => {
      const auth = await token('expert');
      await spend('k-diff', { amount: 5 }, auth).then((r) => expect(r.status).toBe(201));
      const res = await spend('k-diff', { amount: 6 }, auth);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('concurrent duplicates: exactly one runs; the others get 409 while it runs (or its replay after)', async () => {
      const auth = await token('expert');
      const before = effects.spends;
      const results = await Promise.all(Array.from({ length: 5 }, () => spend('k-concurrent', { amount: 3 }, auth)));
      expect(effects.spends).toBe(before + 1);
      const ran = results.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
      const busy = results.filter((r) => r.status === 409);
      const replayed = results.filter((r) => r.headers['idempotent-replayed'] === 'true');
      expect(ran).toHaveLength(1);
      expect(busy.length + replayed.length).toBe(4);
      // The handler takes 150 ms, so on a loaded machine a late duplicate may see the stored answer instead.
      expect(busy.length).toBeGreaterThan(0);
      busy.forEach((r) => expect(r.body.code).toBe('IDEMPOTENCY.IN_PROGRESS'));
      replayed.forEach((r) => expect(r.body).toEqual(ran[0]?.body));
    });

    it('without the header the route runs every time; a required header is named in a 400', async () => {
      const auth = await token('expert');
      const before = effects.spends;
      await spend(undefined, { amount: 1 }, auth);
      await spend(undefined, { amount: 1 }, auth);
      expect(effects.spends).toBe(before + 2);
      const res = await http.post('/things/strict').set('Authorization', `Bearer ${auth}`).send({}).expect(400);
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', reason: 'header is required' }]);
      await http.post('/things/strict').set('Authorization', `Bearer ${auth}`).set('Idempotency-Key', 'k-strict').send({}).expect(200);
    });

    it('a 4xx first answer is kept and replayed as problem+json', async () => {
      const auth = await token('expert');
      const before = effects.spends;
      const first = await http.post('/things/refuse').set('Authorization', `Bearer ${auth}`).set('Idempotency-Key', 'k-refuse').send({});
      const again = await http.post('/things/refuse').set('Authorization', `Bearer ${auth}`).set('Idempotency-Key', 'k-refuse').send({});
      expect(first.status).toBe(409);
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.code).toBe('THINGS.NOT_ENOUGH');
      expect(effects.spends).toBe(before + 1);
    });
  });

  describe('health, metrics, docs, correlation', () => {
    it('/health/live is 200 without a token', async () => {
      const res = await http.get('/health/live').expect(200);
      expect(res.body.status).toBe('ok');
    });

    it('/health/ready is 200 when every check passes, 503 naming the failing one', async () => {
      await http.get('/health/ready').expect(200);
      svc.app.get(ReadinessRegistry).register('bus', async () => {
        throw new Error('broker unreachable');
      });
      const res = await http.get('/health/ready').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error).toEqual({ bus: { status: 'down', message: 'broker unreachable' } });
      expect(Object.keys(res.body.info)).toEqual(expect.arrayContaining(['shared-state', 'event-store']));
    });

    it('/metrics exposes the HTTP histogram by route pattern, and the lag gauges', async () => {
      svc.metrics.setProjectionLag('balance', 7);
      const res = await http.get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/things\/me"[^}]*status_code="200"/);
      expect(res.text).toMatch(/http_requests_total\{[^}]*route="\/things\/me"/);
      expect(res.text).toMatch(/hope_projection_lag_events\{projection="balance",service="things"\} 7/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
    });

    it('/docs-json is an OpenAPI document with bearer auth', async () => {
      const res = await http.get('/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.paths['/things/spend']).toBeDefined();
      expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      await http.get('/docs').redirects(1).expect(200);
    });

    it('echoes x-correlation-id, generates one when absent, and exposes it to handlers', async () => {
      const auth = await token('expert');
      const res = await http.post('/things/spend').set('Authorization', `Bearer ${auth}`).set('x-correlation-id', 'corr-42').send({ amount: 1 });
      expect(res.headers['x-correlation-id']).toBe('corr-42');
      expect(res.body.correlationId).toBe('corr-42');
      const generated = await http.get('/health/live');
      expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe('several apps in one process', () => {
  it('start side by side with their own metrics and a shared dev issuer', async () => {
    const make = (name: string, devIssuer?: ServiceApp['devIssuer']) =>
      createServiceApp({
        config: loadPlatformConfig({ NODE_ENV: 'test', SERVICE_NAME: name }),
        module: ThingsModule,
        port: 0,
        host: '127.0.0.1',
        shutdownHooks: false,
        ...(devIssuer !== undefined ? { devIssuer } : {}),
      });
    const a = await make('alpha');
    const b = await make('beta', a.devIssuer);
    try {
      const tokenFromA = await a.devIssuer!.issue({ sub: 'u1', role: 'expert' });
      await request(b.url).get('/things/me').set('Authorization', `Bearer ${tokenFromA}`).expect(200);
      const metricsA = await request(a.url).get('/metrics').expect(200);
      const metricsB = await request(b.url).get('/metrics').expect(200);
      expect(metricsA.text).toContain('service="alpha"');
      expect(metricsA.text).not.toContain('service="beta"');
      expect(metricsB.text).toMatch(/http_requests_total\{[^}]*route="\/things\/me"[^}]*service="beta"/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
