import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { NotFoundError, type Principal } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, Roles, type Clock } from '@hope/platform';
import { acceptInvitation, type AcceptInvitationDeps } from '../../application/accept-invitation.use-case';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { sendInvitation } from '../../application/send-invitation.use-case';
import { invitations } from '../../domain/invitation/invitation.aggregate';
import { RegistryQueries } from '../../projections/registry/registry.queries';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { InvitationsAcceptResponse, InvitationsSendResponse } from './invitations.response.dto';
import { INVITATION_NOT_A_MEMBER, INVITATION_NOT_FOUND, INVITATION_SELF_INVITE, INVITATION_USED } from '../matching.problems';

export class SendInvitationRequest {
  @ApiPropertyOptional({ description: 'Whom to invite; omit to get a code to share' }) @IsOptional() @IsEmail() @MaxLength(200) inviteeEmail?: string;
}

export class InvitationIdParam {
  @ApiProperty({ format: 'uuid', description: 'The invitation id, which is also its code' }) @IsUUID() invitationId!: string;
}

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsHttpController {
  private readonly deps: AcceptInvitationDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    aggregates: AggregateHandlers,
    private readonly queries: RegistryQueries,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.deps = { experts, invitations: aggregates.for(invitations), registry: queries, clock };
  }

  @Post()
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'An expert invites a person (by email, or a code to share). The code is the invitation id.' })
  @ApiCreatedResponse({ type: InvitationsSendResponse })
  @ApiProblems(INVITATION_NOT_A_MEMBER, INVITATION_SELF_INVITE)
  send(@Body() body: SendInvitationRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    // The invitation id is its code and the command's id (derived from the Idempotency-Key when sent, so a retry names the same invitation).
    const invitationId = meta.commandId;
    const { inviteeEmail } = body;
    return sendInvitation(this.deps, { invitationId, inviterId: who.subject, ...(inviteeEmail !== undefined ? { inviteeEmail } : {}) }, meta);
  }

  @Post(':invitationId/acceptance')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'An existing member redeems an invitation (new experts pass the code when joining). Fraud is recorded, not credited.' })
  @ApiOkResponse({ type: InvitationsAcceptResponse })
  @ApiProblems(INVITATION_NOT_FOUND, INVITATION_USED)
  async accept(@Param() p: InvitationIdParam, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    await acceptInvitation(this.deps, { invitationId: p.invitationId, inviteeId: who.subject }, meta);
    return this.status(p, who);
  }

  @Get(':invitationId')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Invitation status, for its inviter, its invitee, or an operator.' })
  @ApiOkResponse({ type: InvitationsAcceptResponse })
  @ApiProblems(INVITATION_NOT_FOUND)
  status(@Param() p: InvitationIdParam, @CurrentPrincipal() who: Principal) {
    const row = this.queries.invitation(p.invitationId);
    if (!row || (who.role !== 'operator' && who.subject !== row.inviter_id && who.subject !== row.invitee_id)) {
      // Someone else's invitation is reported as absent: no leak of who invited whom.
      throw new NotFoundError('INVITATION.NOT_FOUND', `No invitation ${p.invitationId}`);
    }
    return {
      invitationId: row.invitation_id,
      inviterId: row.inviter_id,
      status: row.status,
      ...(row.invitee_id !== null ? { inviteeId: row.invitee_id } : {}),
      ...(row.fraud !== null ? { fraud: row.fraud } : {}),
      sentAt: row.sent_at,
      ...(row.accepted_at !== null ? { acceptedAt: row.accepted_at } : {}),
    };
  }
}
