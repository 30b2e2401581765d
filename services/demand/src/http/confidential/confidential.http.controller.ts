import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches } from 'class-validator';
import type { CommandMeta, EventStore, Principal } from '@hope/kernel';
import { ApiProblems, CurrentPrincipal, EVENT_STORE, IDS, Idempotent, Roles, type IdSource } from '@hope/platform';
import { acceptNda } from '../../application/confidential/accept-nda.use-case';
import { inviteExperts } from '../../application/confidential/invite-experts.use-case';
import { ndaAuditTrail, readNda } from '../../application/confidential/read-nda.use-case';
import { DEMAND_DEPS, type DemandDeps } from '../../application/demands/demand.deps';
import { DemandIdParam } from '../demands/demand.request.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { ConfidentialAcceptResponse, ConfidentialAuditResponse, ConfidentialInviteResponse, ConfidentialNdaResponse } from './confidential.response.dto';
import { DEMAND_NOT_FOUND, INVITATION_ILLEGAL, NDA_NOT_CONFIDENTIAL } from '../demand.problems';

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
    @Inject(DEMAND_DEPS) private readonly deps: DemandDeps,
    @Inject(IDS) private readonly ids: IdSource,
    // Read only: the audit trail is the nda stream itself.
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  @Post('invitations')
  @HttpCode(200)
  @Roles('enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Invite experts to a confidential demand; they read it after accepting its NDA.' })
  @ApiOkResponse({ type: ConfidentialInviteResponse })
  @ApiProblems(DEMAND_NOT_FOUND, NDA_NOT_CONFIDENTIAL, INVITATION_ILLEGAL)
  async invite(@Param() p: DemandIdParam, @Body() body: InvitationBody, @CurrentPrincipal() who: Principal) {
    const s = await inviteExperts(this.deps, { demandId: p.demandId, expertIds: body.expertIds, by: who }, this.meta());
    return { demandId: p.demandId, invited: s.invited, accepted: Object.keys(s.accepted).sort() };
  }

  @Get('nda')
  @Roles('expert')
  @ApiOperation({ summary: 'The NDA of a confidential demand I am invited to (404 if not invited).' })
  @ApiOkResponse({ type: ConfidentialNdaResponse })
  @ApiProblems(DEMAND_NOT_FOUND)
  nda(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return readNda(this.deps, { demandId: p.demandId, by: who });
  }

  @Post('nda-acceptance')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Accept the NDA of a confidential demand I am invited to. Emits NdaAccepted.' })
  @ApiOkResponse({ type: ConfidentialAcceptResponse })
  @ApiProblems(DEMAND_NOT_FOUND)
  async accept(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const { ndaVersion } = await acceptNda(this.deps, { demandId: p.demandId, by: who }, {});
    return { demandId: p.demandId, ndaVersion, accepted: true };
  }

  @Get('audit')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({ summary: 'Every invitation, NDA acceptance and opening of the confidential details, oldest first (staff, and the seeking organisation).' })
  @ApiOkResponse({ type: ConfidentialAuditResponse })
  @ApiProblems(DEMAND_NOT_FOUND)
  audit(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return ndaAuditTrail({ ...this.deps, store: this.store }, { demandId: p.demandId, by: who });
  }
}
