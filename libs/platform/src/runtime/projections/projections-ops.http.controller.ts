import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { join } from 'node:path';
import { positionToString, type ProjectionRunner } from '@hope/eventstore';
import { NotFoundError } from '../../errors/domain-errors';
import { Roles } from '../../auth/auth.decorators';
import type { PlatformConfig } from '../../config/platform-config';
import { PLATFORM_CONFIG, PROJECTIONS } from '../../tokens';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { ProjectionRebuildReport, ProjectionStatusView } from './projections-ops.response.dto';

export class ProjectionNameParam {
  @ApiProperty({ example: 'balance' })
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be a projection name (lowercase letters, digits, - and _)' })
  name!: string;
}

/** SREs' view of the service's read models: where each has got to, and a rebuild that keeps serving. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/projections')
export class ProjectionsOpsController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_IDENTITY) private readonly self: ServiceIdentity,
  ) {}

  @Get()
  @Roles('operator', 'analyst', 'service')
  @ApiOperation({ summary: "The service's projections: position and checksum of each." })
  @ApiOkResponse({ type: [ProjectionStatusView] })
  list() {
    return this.projections.names().map((name) => {
      const position = this.projections.position(name);
      return { name, position: position ? positionToString(position) : null, checksum: this.projections.checksum(name) };
    });
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Rebuild a projection beside the live one, verify its checksum against a from-scratch replay, switch over; reads keep being served.' })
  @ApiOkResponse({ type: ProjectionRebuildReport })
  @ApiProblems({ status: 404, code: 'PROJECTION.NOT_FOUND', detail: 'The service has no projection by this name' })
  async rebuild(@Param() params: ProjectionNameParam) {
    if (!this.projections.names().includes(params.name)) throw new NotFoundError('PROJECTION.NOT_FOUND', `${this.self.name} has no projection "${params.name}"`);
    const shadow = join(this.config.dataDir, `${this.self.name}.projections.rebuild-${params.name}-${Date.now()}.sqlite`);
    const report = await this.projections.rebuildBeside(params.name, shadow);
    return { ...report, position: report.position ? positionToString(report.position) : null };
  }
}
