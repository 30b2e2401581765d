import { ProjectionRunner, SqliteEventStore } from '@hope/eventstore';
import { collect } from '@hope/eventstore/testing';
import { AggregateHandlers, MetricsService } from '@hope/platform';
import { ManualClock } from '@hope/platform/testing';
import { calendars } from '../src/domain/interview/interview.aggregate';
import { calendarStream } from '../src/domain/interview/interview.events';
import { ExpireInterviewsJob } from '../src/jobs/expire-interviews.job';
import { bookingsProjection } from '../src/projections/bookings/bookings.projection';
import { SqliteBookingsQueries } from '../src/projections/bookings/bookings.queries';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const H = 3_600_000;

describe('expiry job (manual clock, real store and read model)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let projections: ProjectionRunner;
  let aggregates: AggregateHandlers;
  const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-job-'));
    store = SqliteEventStore.open({ file: join(dir, 'consulting.events.sqlite') });
    projections = ProjectionRunner.open({ file: ':memory:', store, projections: [bookingsProjection] });
    projections.start();
    aggregates = new AggregateHandlers(store, projections);
  });
  afterEach(async () => {
    await projections.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (interviewId: string) =>
    aggregates.for(calendars).handle(
      'exp-1',
      {
        type: 'RequestInterview',
        data: { interviewId, expertId: 'exp-1', topic: 't', durationMinutes: 30, slots: [new Date(clock.now().getTime() + 100 * H).toISOString()], payment: 'contract' },
        actor: { role: 'enterprise', subject: 'u', organisationId: 'org-a' },
        metadata: { now: clock.now() },
      },
      { commandId: interviewId },
    );

  it('expires requests unanswered for 72 h, once, and leaves younger ones alone', async () => {
    await request('i-old');
    clock.advance(10 * H);
    await request('i-young');
    const metrics = new MetricsService('consulting', { defaultMetrics: false });
    const job = new ExpireInterviewsJob(aggregates, new SqliteBookingsQueries(projections.db), clock, metrics);
    const timedOut = async () => (await metrics.registry.getSingleMetric('hope_saga_timeouts_total')!.get()).values.find((v) => v.labels.saga === 'interview-request')?.value ?? 0;

    clock.advance(61 * H); // i-old is 71 h old
    await job.run();
    expect((await collect(store.readStream(calendarStream('exp-1')))).map((e) => e.type)).not.toContain('InterviewExpired');
    expect(await timedOut()).toBe(0);

    clock.advance(1 * H); // 72 h
    await job.run();
    await job.run(); // a second replica or a rerun: still one event
    const events = await collect(store.readStream(calendarStream('exp-1')));
    expect(events.filter((e) => e.type === 'InterviewExpired').map((e) => (e.data as { interviewId: string }).interviewId)).toEqual(['i-old']);
    // hope_saga_timeouts_total{saga="interview-request"}: one per expiry written, not per run.
    expect(await timedOut()).toBe(1);
    const status = projections.db.prepare<[], { interview_id: string; status: string }>('SELECT interview_id, status FROM consulting_bookings ORDER BY interview_id').all();
    expect(status).toEqual([
      { interview_id: 'i-old', status: 'expired' },
      { interview_id: 'i-young', status: 'requested' },
    ]);
  });

  it('the bookings read model rebuilt from position 0 equals the live one', async () => {
    await request('i-1');
    await request('i-2');
    clock.advance(80 * H);
    await new ExpireInterviewsJob(aggregates, new SqliteBookingsQueries(projections.db), clock, new MetricsService('consulting', { defaultMetrics: false })).run();
    const live = projections.checksum('consulting_bookings');
    await projections.rebuild('consulting_bookings');
    const end = (await collect(store.readAll({ direction: 'backwards', maxCount: 1 })))[0]!.position;
    await projections.waitFor(end);
    expect(projections.checksum('consulting_bookings')).toBe(live);
  });
});
