import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NotFoundError } from '../../errors/domain-errors';
import { Roles } from '../../auth/roles.decorator';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { CLOCK, IDS, type Clock, type IdSource } from '../../tokens';
import { AggregateHandlers } from '../aggregate-handlers';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { probeAggregate } from './probe.decide';
import { ProbeReceipts } from './probe.projection';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { ProbeReceiptView, ProbeRecordView, ProbeSentResponse } from './probe.response.dto';

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
  private readonly probes;

  constructor(
    aggregates: AggregateHandlers,
    private readonly receipts: ProbeReceipts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(SERVICE_IDENTITY) private readonly self: ServiceIdentity,
  ) {
    this.probes = aggregates.for(probeAggregate(self.name));
  }

  @Post()
  @HttpCode(202)
  @Roles('operator', 'service')
  @Idempotent()
  @ApiOperation({ summary: 'Send a pipeline probe: every other service records that it received it.' })
  @ApiAcceptedResponse({ type: ProbeSentResponse })
  async send(@Body() body: SendProbeRequest): Promise<{ probeId: string; from: string; sentAt: string }> {
    const probeId = this.ids.next();
    const now = this.clock.now();
    await this.probes.handle(
      probeId,
      { type: 'SendProbe', data: { probeId, from: this.self.name, ...(body.note ? { note: body.note } : {}) }, metadata: { now } },
      // ProbeSent is an integration event: the relay publishes events marked so, at this version.
      { commandId: probeId, metadata: { integration: true, version: 1 } },
      { wait: false },
    );
    return { probeId, from: this.self.name, sentAt: now.toISOString() };
  }

  @Get()
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: 'The latest probes this service received (newest first, at most 100).' })
  @ApiOkResponse({ type: [ProbeReceiptView] })
  async listReceived() {
    return this.receipts.latest(100);
  }

  @Get(':probeId')
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: "This service's record of a probe: sent from here, and/or received here (each receipt once)." })
  @ApiOkResponse({ type: ProbeRecordView })
  @ApiProblems({ status: 404, code: 'PROBE.NOT_FOUND', detail: 'This service has no record of the probe' })
  async get(@Param() params: ProbeIdParam) {
    const state = await this.probes.load(params.probeId);
    if (!state.sent && state.receipts.length === 0) throw new NotFoundError('PROBE.NOT_FOUND', `This service has no record of probe ${params.probeId}`);
    return { probeId: params.probeId, service: this.self.name, ...state };
  }
}
