import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { NotFoundError } from '../../errors/domain-errors';
import { Roles } from '../../auth/roles.decorator';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { currentCorrelationId } from '../../logging/correlation';
import { CLOCK, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '../../tokens';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { initialState, probeDecider, probeStream, type ProbeEvent } from './probe.decide';

export class SendProbeRequest {
  @ApiPropertyOptional({ maxLength: 200, description: 'Free text shown with the probe, e.g. the deploy it checks.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class ProbeIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  probeId!: string;
}

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/probes')
export class ProbeHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(SERVICE_IDENTITY) private readonly self: ServiceIdentity,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('operator', 'service')
  @Idempotent()
  @ApiOperation({ summary: 'Send a pipeline probe: every other service records that it received it.' })
  async send(@Body() body: SendProbeRequest): Promise<{ probeId: string; from: string; sentAt: string }> {
    const probeId = this.ids.next();
    const now = this.clock.now();
    const correlationId = currentCorrelationId();
    await handleCommand(
      this.store,
      probeStream(probeId),
      probeDecider,
      { type: 'SendProbe', data: { probeId, from: this.self.name, ...(body.note ? { note: body.note } : {}) }, metadata: { now } },
      // ProbeSent is an integration event: the relay publishes events marked so, at this version.
      { commandId: probeId, handler: `${this.self.name}.send-probe`, ...(correlationId ? { correlationId } : {}), metadata: { integration: true, version: 1 } },
    );
    return { probeId, from: this.self.name, sentAt: now.toISOString() };
  }

  @Get()
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: 'The latest probes this service received (newest first, at most 100).' })
  async listReceived() {
    return this.projections.db
      .prepare('SELECT probe_id AS probeId, from_service AS "from", received_at AS receivedAt FROM probe_receipts ORDER BY received_at DESC LIMIT 100')
      .all();
  }

  @Get(':probeId')
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: "This service's record of a probe: sent from here, and/or received here (each receipt once)." })
  async get(@Param() params: ProbeIdParam) {
    let state = initialState;
    let found = false;
    for await (const e of this.store.readStream(probeStream(params.probeId))) {
      state = probeDecider.evolve(state, { type: e.type, data: e.data } as ProbeEvent);
      found = true;
    }
    if (!found) throw new NotFoundError('PROBE.NOT_FOUND', `This service has no record of probe ${params.probeId}`);
    return { probeId: params.probeId, service: this.self.name, ...state };
  }
}
