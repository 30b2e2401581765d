import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches } from 'class-validator';
import { CurrentPrincipal, Idempotent, Roles, type Principal } from '@hope/platform';
import { ConfidentialAccess } from '../../application/confidential-access';
import { DemandCommandHandler } from '../../application/demand.command-handler';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import type { ExistingDemand } from '../../domain/demand/demand.state';
import { isOwner, isStaff } from '../../domain/demand/demand.visibility';
import { STANDARD_NDA } from '../../domain/nda/nda.events';
import { DemandIdParam } from '../demands/demand.request.dto';

export class InvitationBody {
  @ApiProperty({ type: [String] })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { each: true, message: 'each must be an expert id' })
  expertIds!: string[];
}

/** Confidential demands: invitations (the seeker, operators), the NDA (invited experts), the audit trail (staff). */
@ApiTags('confidential demands')
@ApiBearerAuth()
@Controller('demands/:demandId')
export class ConfidentialHttpController {
  constructor(
    private readonly demands: DemandCommandHandler,
    private readonly access: ConfidentialAccess,
  ) {}

  private async demand(demandId: string): Promise<ExistingDemand> {
    const d = await this.demands.load(demandId);
    if (d.status === 'none') throw new DemandNotFound();
    return d;
  }

  @Post('invitations')
  @HttpCode(200)
  @Roles('enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Invite experts to a confidential demand; they read it after accepting its NDA.' })
  async invite(@Param() p: DemandIdParam, @Body() body: InvitationBody, @CurrentPrincipal() who: Principal) {
    const s = await this.access.execute(await this.demand(p.demandId), 'InviteExperts', { expertIds: body.expertIds }, who);
    return { demandId: p.demandId, invited: s.invited, accepted: Object.keys(s.accepted).sort() };
  }

  @Get('nda')
  @Roles('expert')
  @ApiOperation({ summary: 'The NDA of a confidential demand I am invited to (404 if not invited).' })
  async nda(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demand(p.demandId);
    const s = await this.access.load(p.demandId);
    if (d.content.visibility !== 'confidential' || !s.invited.includes(who.subject)) throw new DemandNotFound();
    return { demandId: p.demandId, ndaVersion: STANDARD_NDA.version, terms: STANDARD_NDA.terms, accepted: s.accepted[who.subject] !== undefined };
  }

  @Post('nda-acceptance')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Accept the NDA of a confidential demand I am invited to. Emits NdaAccepted.' })
  async accept(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demand(p.demandId);
    if (d.content.visibility !== 'confidential') throw new DemandNotFound();
    const s = await this.access.execute(d, 'AcceptNda', { ndaVersion: STANDARD_NDA.version }, who, `${p.demandId}:nda:${who.subject}`);
    return { demandId: p.demandId, ndaVersion: s.accepted[who.subject], accepted: true };
  }

  @Get('audit')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({ summary: 'Every invitation, NDA acceptance and opening of the confidential details, oldest first (staff, and the seeking organisation).' })
  async audit(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demand(p.demandId);
    if (!isStaff(who) && !isOwner(d, who)) throw new DemandNotFound();
    return { demandId: p.demandId, items: await this.access.trail(p.demandId) };
  }
}
