import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { consultingService } from '@hope/consulting';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships, ManualClock } from '@hope/platform/testing';
import { client } from '../../services/consulting/test/http-client';
import { announce } from '../../services/consulting/test/known';
import { eventually } from '../src/testing/eventually';

const H = 3_600_000;
const operator = { sub: 'ops', role: 'operator' };
const expert = (sub: string) => ({ sub, role: 'expert' });

/**
 * Decision 0028: one points-paid interview, followed as ONE trace from the request that completes it:
 * consulting's HTTP span, its command, its call to points (CLIENT -> points' SERVER span -> capture
 * command), the event appended with the trace context, consulting's relay publishing it, points'
 * consumer handling ConsultationCompleted, the earning it appends and points' relay publishing that.
 * The services run in one embedded platform (its real path: HTTP between services on loopback ports,
 * the durable in-process bus), with the SDK's in-memory exporter in place of OTLP.
 */
describe('tracing across services (in-memory exporter)', () => {
  jest.setTimeout(120_000);
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const clock = new ManualClock(new Date('2030-03-04T08:00:00.000Z'));
  let dir: string;
  let platform: EmbeddedPlatform;

  beforeAll(async () => {
    provider.register({ propagator: new W3CTraceContextPropagator() });
    dir = mkdtempSync(join(tmpdir(), 'hope-tracing-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, pointsService, matchingService], dataDir: dir, freePorts: true, clock, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer' }]);
    await announce(platform, { experts: ['host-1'] });
  });
  afterAll(async () => {
    await platform?.stop();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * H).toISOString();
  const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const describeSpan = (s: ReadableSpan) => `${SpanKind[s.kind]} ${s.name} [${String(s.attributes['hope.service'] ?? s.attributes['hope.aggregate'] ?? '')}${s.attributes['hope.event.type'] ? ` ${String(s.attributes['hope.event.type'])}` : ''}]`;

  it('one trace from the completion request through consulting, points over HTTP, the relay, the bus and points consumer', async () => {
    const api = client(platform);
    const points = client(platform, 'points');
    expect((await points.call(operator, 'POST', '/accounts/payer-1/adjustments', { adjustmentId: randomUUID(), points: 1000, reason: 'test budget' })).status).toBe(201);
    const created = await api.call(expert('payer-1'), 'POST', '/interviews', { expertId: 'host-1', topic: 'heat pumps', durationMinutes: 60, slots: [at(20)], payment: 'points' });
    expect(created.status).toBe(201);
    const id = created.body.interviewId as string;
    expect((await api.call(expert('host-1'), 'POST', `/interviews/${id}/acceptance`, { start: at(20) })).status).toBe(200);
    expect((await client(platform, 'matching').call(expert('host-1'), 'POST', '/experts', { name: 'host-1' })).status).toBe(201);
    const confirmed = await api.call(expert('host-1'), 'POST', `/interviews/${id}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', pointsPayment: { status: 'reserved' } });

    clock.advance(21 * H);
    const done = await api.call(expert('host-1'), 'POST', `/interviews/${id}/completion`, { actualMinutes: 55 });
    expect(done.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'captured', points: 200 } });

    // The request's span is the root of the trace (the caller sent no traceparent).
    const root = await eventually(() => {
      const span = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['hope.service'] === 'consulting' && s.attributes['url.path'] === `/interviews/${id}/completion`);
      if (!span) throw new Error('the completion request has no span yet');
      return span;
    });
    expect(parentOf(root)).toBeUndefined();
    expect(root.name).toBe('POST /interviews/:interviewId/completion');
    const traceId = root.spanContext().traceId;

    // The consumer side finishes asynchronously: wait for points to have published what it earned.
    await eventually(() => spansOf(traceId).some((s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.destination.name'] === 'hope.points.events' && s.attributes['hope.event.type'] === 'PointsEarned'), { timeoutMs: 30_000 });
    const spans = spansOf(traceId);
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const shown = spans.map(describeSpan).join('\n');

    // Every span but the root has its parent in the same trace: nothing was cut off on the way.
    for (const s of spans) if (s !== root) expect({ span: describeSpan(s), parentFound: byId.has(parentOf(s) ?? '') }).toEqual({ span: describeSpan(s), parentFound: true });

    // consulting -> points over HTTP: the CLIENT span is the parent of points' SERVER span, which ran a command.
    const call = spans.find((s) => s.kind === SpanKind.CLIENT && s.attributes['server.address'] === 'points');
    expect(call).toBeDefined();
    const pointsServer = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['hope.service'] === 'points' && parentOf(s) === call!.spanContext().spanId);
    expect({ pointsServer: pointsServer?.name, shown }).toMatchObject({ pointsServer: expect.stringMatching(/^POST \//) });
    expect(spans.some((s) => s.kind === SpanKind.INTERNAL && parentOf(s) === pointsServer!.spanContext().spanId && String(s.name).startsWith('points.'))).toBe(true);

    // store -> relay -> bus -> consumer: ConsultationCompleted published by consulting's relay as a child of the
    // command that appended it, handled by points' consumer as a child of the publish span.
    const published = spans.find((s) => s.kind === SpanKind.PRODUCER && s.attributes['hope.event.type'] === 'ConsultationCompleted');
    expect({ published: published && describeSpan(published), shown }).toMatchObject({ published: expect.stringContaining('publish hope.consulting.events') });
    const appendedBy = byId.get(parentOf(published!)!)!;
    expect(appendedBy.kind).toBe(SpanKind.INTERNAL);
    expect(String(appendedBy.name)).toMatch(/^consulting\./);
    const consumed = spans.find((s) => s.kind === SpanKind.CONSUMER && s.attributes['hope.event.type'] === 'ConsultationCompleted' && s.attributes['messaging.consumer.group.name'] === 'points');
    expect(consumed && parentOf(consumed)).toBe(published!.spanContext().spanId);

    // ... and what points did with it (an earning appended inside the consumer span) went on to its own topic.
    const earned = spans.find((s) => s.kind === SpanKind.PRODUCER && s.attributes['hope.event.type'] === 'PointsEarned')!;
    let ancestor: ReadableSpan | undefined = earned;
    while (ancestor && ancestor !== consumed) ancestor = byId.get(parentOf(ancestor) ?? '');
    expect(ancestor).toBe(consumed);

    // The trace context travels in the event metadata: the recorded events carry the traceparent.
    const stored = await collect(platform.stores.get('points')!.readStream('account-host-1'));
    expect(stored.some((e) => e.type === 'PointsEarned' && typeof e.metadata.traceparent === 'string' && e.metadata.traceparent.includes(traceId))).toBe(true);
  });
});
