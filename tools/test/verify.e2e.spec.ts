import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { SqliteEventStore } from '@hope/eventstore';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform, type Role } from '@hope/platform';
import { eventually } from '../src/testing/eventually';
import { verifyStores } from '../src/cli/verify/verify.command';

/**
 * `hope verify` over a real embedded run: an invitation earns the inviter points (matching -> bus ->
 * points), an operator grants points, a seat is reserved and captured, another reserved and released.
 * That store verifies clean; copies of it, tampered with directly, are reported with their ids.
 */
describe('hope verify: cross-checking the services stores', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let invitationId: string;
  let reservationId: string;
  const now = new Date().toISOString();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-verify-'));
    const platform: EmbeddedPlatform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    try {
      const call = async (service: string, method: string, path: string, who: { sub: string; role: Role }, body?: unknown) => {
        const token = await platform.devIssuer.issue(who);
        const r = await fetch(`${platform.services.get(service)!.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await r.json().catch(() => ({}))) as Record<string, unknown>;
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
        return json;
      };
      const alice = { sub: 'verify-alice', role: 'expert' as const };
      const operator = { sub: 'verify-operator', role: 'operator' as const };
      const consulting = { sub: 'consulting', role: 'service' as const };
      await call('matching', 'POST', '/experts', alice, { name: 'Alice' });
      invitationId = (await call('matching', 'POST', '/invitations', alice, {})).invitationId as string;
      await call('matching', 'POST', '/experts', { sub: 'verify-bob', role: 'expert' }, { name: 'Bob', invitationCode: invitationId });
      await call('points', 'POST', '/accounts/verify-alice/adjustments', operator, { adjustmentId: randomUUID(), points: 300, reason: 'welcome grant' });
      reservationId = (await call('points', 'POST', '/accounts/verify-alice/redemptions', consulting, { itemId: 'technical-seminar-seat' })).reservationId as string;
      await call('points', 'POST', `/accounts/verify-alice/redemptions/${reservationId}/capture`, consulting);
      const released = (await call('points', 'POST', '/accounts/verify-alice/redemptions', consulting, { itemId: 'technical-seminar-seat' })).reservationId as string;
      await call('points', 'POST', `/accounts/verify-alice/redemptions/${released}/release`, consulting, { reason: 'cancelled' });
      await eventually(async () => expect(await call('points', 'GET', '/accounts/verify-alice', operator)).toMatchObject({ pending: 30 }), { timeoutMs: 30_000 });
    } finally {
      await platform.stop();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tamperedCopy = () => {
    const copy = mkdtempSync(join(tmpdir(), 'hope-verify-tampered-'));
    cpSync(dir, copy, { recursive: true });
    return copy;
  };

  it('a clean run verifies clean: sums equal the live and the rebuilt balance read models, totals per type', async () => {
    const report = await verifyStores({ dataDir: dir });
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ clean: true, accounts: 1, comparedWith: ['rebuilt', 'live'] });
    expect(report.earnedBySource).toEqual({ ExpertJoined: { count: 1, points: 30 } });
    expect(report.totals).toMatchObject({ PointsAdjusted: { count: 1, points: 300 }, PointsReserved: { count: 2, points: 160 }, ReservationCaptured: { count: 1, points: 80 }, ReservationReleased: { count: 1, points: 80 } });
    expect(report.balances).toMatchObject({ earned: 30, pending: 30, adjusted: 300, spent: 80, reserved: 0, available: 220 });
  });

  it('an earning without a source, a capture without a reservation and an unreversed retraction are reported with their ids; exit code 1', async () => {
    const copy = tamperedCopy();
    try {
      const points = SqliteEventStore.open({ file: join(copy, 'points.events.sqlite') });
      const ghostSource = randomUUID();
      const ghostReservation = randomUUID();
      await points.append('account-verify-alice', [
        {
          id: randomUUID(),
          type: 'PointsEarned',
          data: { expertId: 'verify-alice', lotId: randomUUID(), points: 200, ruleId: 'plan-adopted', ruleVersion: 1, sourceEventId: ghostSource, sourceType: 'PlanAdopted', provenance: {}, earnedAt: now, availableAt: now, pending: false, expiresAt: '2099-01-01T00:00:00.000Z' },
        },
        { id: randomUUID(), type: 'ReservationCaptured', data: { expertId: 'verify-alice', reservationId: ghostReservation, points: 150, at: now, by: 'consulting' } },
      ]);
      await points.close();
      // Matching records the invitation as fraud; points never heard of it, so the 30 points stand.
      const matching = SqliteEventStore.open({ file: join(copy, 'matching.events.sqlite') });
      const fraudId = randomUUID();
      await matching.append(`invitation-${invitationId}`, [
        { id: fraudId, type: 'InvitationFraudDetected', data: { invitationId, inviterId: 'verify-alice', inviteeId: 'verify-bob', pattern: 'self-invite', detectedAt: now } },
      ]);
      await matching.close();

      const cli = spawnSync(process.execPath, [resolve(__dirname, '../bin/hope.js'), 'verify', '--data-dir', copy], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(1);
      const lines = cli.stdout.split('\n');
      const line = (code: string) => lines.filter((l) => l.startsWith(`${code}:`));
      expect(line('SOURCE_MISSING')).toEqual([expect.stringContaining(`sourceEventId=${ghostSource}`)]);
      expect(line('CAPTURE_WITHOUT_RESERVATION')).toEqual([expect.stringContaining(`reservationId=${ghostReservation}`)]);
      expect(line('RETRACTED_NOT_REVERSED')).toEqual([expect.stringContaining(`retractionEventId=${fraudId}`)]);
      // The live read model has not applied the appended events: not compared, not blamed.
      expect(lines[1]).toMatch(/compared with: rebuilt$/);
      expect(line('READ_MODEL_MISMATCH')).toEqual([]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a source points observed but neither earned nor declined (a lost earning) and a source earned twice as two lots are reported', async () => {
    const copy = tamperedCopy();
    try {
      const points = SqliteEventStore.open({ file: join(copy, 'points.events.sqlite') });
      const lost = randomUUID();
      await points.append(`source-${lost}`, [
        { id: randomUUID(), type: 'SourceObserved', data: { sourceEventId: lost, sourceType: 'PlanSubmitted', occurredAt: now, data: { proposalId: 'p-1', demandId: 'd-1', expertId: 'verify-alice' }, retractKeys: [], retracts: [] } },
      ]);
      // The invitation's 30 points, earned again under the same rule as another lot (a handler renamed, say).
      const earning = (await collect(points.readStream('account-verify-alice'))).find((e) => e.type === 'PointsEarned')!;
      await points.append('account-verify-alice', [{ id: randomUUID(), type: 'PointsEarned', data: { ...(earning.data as object), lotId: randomUUID() } }]);
      await points.close();
      const report = await verifyStores({ dataDir: copy });
      expect(report.findings.filter((f) => f.code === 'SOURCE_UNHANDLED')).toEqual([
        { code: 'SOURCE_UNHANDLED', message: 'PlanSubmitted should earn 20 points under rule plan-submitted: neither earned nor declined', ids: { expertId: 'verify-alice', sourceEventId: lost, ruleId: 'plan-submitted' } },
      ]);
      expect(report.findings.filter((f) => f.code === 'EARNED_TWICE')).toEqual([expect.objectContaining({ ids: expect.objectContaining({ expertId: 'verify-alice', ruleId: 'invitation-joined' }) })]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a live read model that disagrees with the movements is reported per account', async () => {
    const copy = tamperedCopy();
    try {
      const db = new Database(join(copy, 'points.projections.sqlite'));
      db.prepare('UPDATE points_balances SET available = available + 50 WHERE expert_id = ?').run('verify-alice');
      db.close();
      const report = await verifyStores({ dataDir: copy });
      expect(report.clean).toBe(false);
      expect(report.findings).toEqual([{ code: 'READ_MODEL_MISMATCH', message: 'live balance read model: available 270 != 220 (events)', ids: { expertId: 'verify-alice' } }]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('says which store is missing instead of creating an empty one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hope-verify-empty-'));
    try {
      await expect(verifyStores({ dataDir: empty })).rejects.toThrow(/no demand store at/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
