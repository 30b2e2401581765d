import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { DevTokens, type Caller } from '../src/testing/dev-tokens';
import { callService, type HttpAnswer } from '../src/testing/http-caller';
import { DEMO_EXPERTS, DEMO_GRANT, seedDemoData } from '../src/start/demo-data';

/**
 * Spending raced and replayed on the demo world's real account (Li Wei's 300 points): twenty
 * redemptions at once, a capture raced against releases, the same Idempotency-Key with another body
 * or left empty. The balance never goes below zero, nothing is charged twice, and every refusal is
 * a problem naming what to change.
 */
type Who = Caller;

const LI = DEMO_EXPERTS[0].expertId;
const li: Who = { sub: LI, role: 'expert' };
const operator: Who = { sub: 'hunt-operator', role: 'operator' };
const SEAT = { itemId: 'technical-seminar-seat' }; // 80 points in the default catalogue
const SEAT_PRICE = 80;

describe('hunt: spending raced and replayed', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let platform: EmbeddedPlatform;

  const call = (method: string, path: string, who: Who, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
    callService(DevTokens.of(platform.devIssuer), platform.services.get('points')!.url, method, path, who, body, headers);
  const account = async () => (await call('GET', `/accounts/${LI}`, operator)).body as { available: number; reserved: number; lifetimeSpent: number };
  const redeem = (headers: Record<string, string> = {}, body: unknown = SEAT) => call('POST', `/accounts/${LI}/redemptions`, li, body, headers);
  const count = (answers: HttpAnswer[]) => answers.reduce<Record<string, number>>((c, a) => ({ ...c, [`${a.status} ${String(a.body.code ?? '')}`.trim()]: (c[`${a.status} ${String(a.body.code ?? '')}`.trim()] ?? 0) + 1 }), {});
  const releaseAll = async (ids: string[]) => {
    for (const id of ids) expect((await call('POST', `/accounts/${LI}/redemptions/${id}/release`, operator, {})).status).toBe(200);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-hunt-races-'));
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });
    const printed: string[] = [];
    await seedDemoData(platform, (l = '') => printed.push(l));
    expect(printed.join('\n')).not.toMatch(/stopped/);
    expect((await account()).available).toBe(DEMO_GRANT);
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('twenty redemptions at once reserve exactly what the balance holds, never below zero', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeem()));
    const held = Math.floor(DEMO_GRANT / SEAT_PRICE);
    expect(count(answers)).toEqual({ '201': held, '422 POINTS.INSUFFICIENT': 20 - held });
    expect(await account()).toMatchObject({ available: DEMO_GRANT - held * SEAT_PRICE, reserved: held * SEAT_PRICE });
    await releaseAll(answers.filter((a) => a.status === 201).map((a) => a.body.reservationId as string));
    expect(await account()).toMatchObject({ available: DEMO_GRANT, reserved: 0 });
  });

  it('a capture raced against releases and itself settles once: spent once or released once, never both', async () => {
    const reserved = await redeem();
    const id = reserved.body.reservationId as string;
    const steps = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', `/accounts/${LI}/redemptions/${id}/${i % 2 === 0 ? 'capture' : 'release'}`, operator, {})));
    const after = await account();
    const captured = steps.some((s) => s.status === 200 && s.body.status === 'captured');
    const released = steps.some((s) => s.status === 200 && s.body.status === 'released');
    expect(captured !== released).toBe(true);
    for (const s of steps.filter((x) => x.status !== 200)) expect(s.body.code).toBe(captured ? 'POINTS.RESERVATION_CAPTURED' : 'POINTS.RESERVATION_RELEASED');
    expect(after).toMatchObject(captured ? { available: DEMO_GRANT - SEAT_PRICE, reserved: 0, lifetimeSpent: SEAT_PRICE } : { available: DEMO_GRANT, reserved: 0, lifetimeSpent: 0 });
  });

  it('the same Idempotency-Key ten times at once reserves once; with another body it is a 422, and nothing more is held', async () => {
    const before = await account();
    const key = `hunt-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem({ 'idempotency-key': key })));
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.reservationId));
    expect(ids.size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
    const other = await redeem({ 'idempotency-key': key }, { itemId: 'expert-interview' });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await account()).toMatchObject({ available: before.available - SEAT_PRICE, reserved: before.reserved + SEAT_PRICE });
    await releaseAll([...ids] as string[]);
  });

  it('an empty Idempotency-Key is a 400 naming the header (it was served unkeyed: each retry reserved again)', async () => {
    const before = await account();
    const answers = [await redeem({ 'idempotency-key': '' }), await redeem({ 'idempotency-key': '   ' })];
    for (const a of answers) {
      expect({ status: a.status, code: a.body.code, fields: (a.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({ status: 400, code: 'IDEMPOTENCY.KEY_INVALID', fields: ['Idempotency-Key'] });
    }
    expect(await account()).toEqual(before);
  });
});
