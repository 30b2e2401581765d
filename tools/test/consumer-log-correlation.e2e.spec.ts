import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Controller, Logger, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { newEnvelope, Topics, type EventEnvelope } from '@hope/contracts';
import { toMessage } from '@hope/messaging';
import { startEmbeddedPlatform, type EmbeddedPlatform, type ServiceDefinition } from '@hope/platform';
import { eventually } from '../src/testing/eventually';

/** A consumer that only logs: what an SRE greps for when following one event through a service. */
@Controller()
class LoggingHandler {
  private readonly logger = new Logger('LoggingHandler');

  @EventPattern('ProbeSent')
  onProbe(@Payload() event: EventEnvelope<{ probeId: string }>): void {
    this.logger.log({ probeId: event.data.probeId, msg: 'probe seen by the logging consumer' });
  }
}

@Module({ controllers: [LoggingHandler] })
class LoggingModule {}

const loggingService: ServiceDefinition = {
  name: 'matching',
  defaultPort: 0,
  title: 'log correlation test',
  description: 'A consumer that logs',
  imports: [LoggingModule],
  consumes: [Topics.demand],
};

/** deploy/README.md tells SREs to follow one request across services by `correlationId`: consumers' log lines carry it too. */
describe('logs written while a consumer handles an event carry its correlation id', () => {
  let dir: string;
  let platform: EmbeddedPlatform;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-log-corr-'));
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    platform = await startEmbeddedPlatform({ services: [loggingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'info' }, logDestination: sink });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the handler log line names the correlation id, event id and type of the event it handles', async () => {
    const event = newEnvelope({
      type: 'ProbeSent',
      version: 1,
      stream: 'probe-log-1',
      occurredAt: new Date(),
      correlationId: 'corr-redemption-42',
      data: { probeId: 'log-1', from: 'demand', sentAt: new Date().toISOString() },
    });
    await platform.bus.publish(Topics.demand, [toMessage(event)]);
    await eventually(() => expect(lines.find((l) => l['probeId'] === 'log-1')).toBeDefined());
    expect(lines.find((l) => l['probeId'] === 'log-1')).toMatchObject({ service: 'matching', correlationId: 'corr-redemption-42', eventId: event.id, eventType: 'ProbeSent' });
  });
});
