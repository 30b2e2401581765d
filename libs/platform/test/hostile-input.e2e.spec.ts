import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createServiceApp, Idempotent, loadPlatformConfig, Public, type ServiceApp } from '@hope/platform';

class NameDto {
  @IsString() @MaxLength(50) en!: string;
}
class PeriodDto {
  @IsString() from!: string;
}
class DraftDto {
  @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @IsOptional() @ValidateNested() @Type(() => NameDto) label?: NameDto;
}
class CreateDto {
  @ValidateNested() @Type(() => NameDto) name!: NameDto;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => DraftDto) drafts?: DraftDto[];
}

/** Counts what reached the handler: a refused request must change nothing. */
let reached = 0;

@Controller('things')
class ThingsController {
  @Get('mine')
  mine() {
    return { ok: true };
  }

  @Post()
  @HttpCode(201)
  @Public()
  @Idempotent()
  create(@Body() body: CreateDto) {
    reached++;
    return { name: body.name.en };
  }
}
@Module({ controllers: [ThingsController] })
class ThingsModule {}

@Controller('limited')
class LimitedController {
  @Post()
  create() {
    return { ok: true };
  }

  @Get()
  read() {
    return { ok: true };
  }
}
@Module({ controllers: [LimitedController] })
class LimitedModule {}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('hostile and mistaken input: a 400 naming the field, never a 5xx, nothing reaches the handler', () => {
  let svc: ServiceApp;
  let http: ReturnType<typeof request>;
  const secret = 'a-test-secret-that-is-long-enough-for-hs256';
  beforeAll(async () => {
    svc = await createServiceApp({
      config: loadPlatformConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVICE_NAME: 'things', AUTH_DEV_MODE: 'false', AUTH_JWT_SECRET: secret, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' }),
      module: ThingsModule,
      port: 0,
      host: '127.0.0.1',
      shutdownHooks: false,
    });
    http = request(svc.url);
  });
  afterAll(() => svc.close());
  beforeEach(() => (reached = 0));

  const post = (body: string, key?: string) => {
    const r = http.post('/things').set('content-type', 'application/json');
    return (key ? r.set('idempotency-key', key) : r).send(body);
  };

  it('JSON nested 2,000 levels deep (a 4 KB body): 400 naming where it went too deep, also with an Idempotency-Key', async () => {
    const body = JSON.stringify({ name: { en: 'x' }, extra: nested(2_000) });
    for (const key of [undefined, 'deep-1']) {
      const res = await post(body, key).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ code: 'REQUEST.BODY_TOO_COMPLEX' });
      expect(res.body.errors?.[0]?.field ?? res.body.fields?.[0]?.field).toMatch(/^extra(\.a)+$/);
    }
    expect(reached).toBe(0);
  });

  it('a body that is null, a number or an array: 400 saying the body must be a JSON object', async () => {
    for (const body of ['null', '42', '[1,2]', '"text"']) {
      const res = await post(body).expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.BODY_NOT_OBJECT' });
      expect(JSON.stringify(res.body)).toContain('"body"');
    }
    expect(reached).toBe(0);
  });

  it('a missing nested object, at the top or inside an array item, is a missing field by name', async () => {
    const top = await post(JSON.stringify({})).expect(400);
    expect(JSON.stringify(top.body)).toContain('"name"');
    const inner = await post(JSON.stringify({ name: { en: 'x' }, drafts: [{ period: { from: 'a' } }, {}] })).expect(400);
    expect(JSON.stringify(inner.body)).toContain('drafts.1.period');
    const optionalAbsent = await post(JSON.stringify({ name: { en: 'x' }, drafts: [{ period: { from: 'a' } }] })).expect(201);
    expect(optionalAbsent.body).toEqual({ name: 'x' });
    expect(reached).toBe(1);
  });

  it('a lone surrogate in a string or a field name: 400 naming the field (text must be well-formed Unicode)', async () => {
    const value = await post('{"name":{"en":"\\ud800x"}}').expect(400);
    expect(value.body).toMatchObject({ code: 'REQUEST.MALFORMED_TEXT', errors: [{ field: 'name.en' }] });
    const key = await post('{"name":{"en":"x"},"\\udc00":1}').expect(400);
    expect(key.body).toMatchObject({ code: 'REQUEST.MALFORMED_TEXT' });
    // A well-formed pair (an emoji) is fine.
    await post('{"name":{"en":"\\ud83d\\ude00"}}').expect(201);
    expect(reached).toBe(1);
  });

  describe('tokens', () => {
    const key = new TextEncoder().encode(secret);
    const sign = (claims: { exp?: number | string; iat?: boolean }) => {
      let jwt = new SignJWT({ role: 'operator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('op-1').setIssuer('hope').setAudience('hope');
      if (claims.iat !== false) jwt = jwt.setIssuedAt();
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    const call = async (token: string) => http.get('/health/live').set('authorization', `Bearer ${token}`);
    const protectedCall = async (token: string) => http.get('/things/mine').set('authorization', `Bearer ${token}`);

    it('a token without exp is refused (401 saying so); one that lives longer than the maximum too; a short one passes', async () => {
      const noExp = await protectedCall(await sign({}));
      expect(noExp.status).toBe(401);
      expect(noExp.body.detail).toMatch(/expiry/);
      const tooLong = await protectedCall(await sign({ exp: '2h' }));
      expect(tooLong.status).toBe(401);
      expect(tooLong.body.detail).toMatch(/longer than/);
      // No iat: the lifetime is counted from now.
      const longNoIat = await protectedCall(await sign({ exp: Math.floor(Date.now() / 1000) + 7200, iat: false }));
      expect(longNoIat.status).toBe(401);
      const fine = await protectedCall(await sign({ exp: '10m' }));
      expect(fine.status).toBe(200);
      expect((await call(await sign({}))).status).toBe(200);
    });
  });
});

describe('rate limit: writes per principal, 429 problem+json with Retry-After', () => {
  let svc: ServiceApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    svc = await createServiceApp({
      config: loadPlatformConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVICE_NAME: 'limited', RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW_MS: '60000' }),
      module: LimitedModule,
      port: 0,
      host: '127.0.0.1',
      shutdownHooks: false,
    });
    http = request(svc.url);
  });
  afterAll(() => svc.close());
  const as = async (sub: string, role: 'expert' | 'service' = 'expert') => `Bearer ${await svc.devIssuer!.issue({ sub, role })}`;

  it('the fourth write in the window by one principal is 429 with Retry-After; another principal, reads and services are not limited', async () => {
    const alice = await as('alice');
    for (let i = 0; i < 3; i++) await http.post('/limited').set('authorization', alice).send({}).expect(201);
    const refused = await http.post('/limited').set('authorization', alice).send({}).expect(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'RATE.LIMITED', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await http.get('/limited').set('authorization', alice).expect(200);
    await http.post('/limited').set('authorization', await as('bob')).send({}).expect(201);
    const service = await as('service:demand', 'service');
    for (let i = 0; i < 5; i++) await http.post('/limited').set('authorization', service).send({}).expect(201);
  });
});
