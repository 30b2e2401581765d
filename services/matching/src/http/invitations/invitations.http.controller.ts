import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, CurrentPrincipal, IDS, Idempotent, PROJECTIONS, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { ForbiddenError, NotFoundError } from '@hope/platform/errors';
import { RegistryCommands } from '../../application/registry.commands';
import { RegistryQueries } from '../../projections/registry/registry.queries';

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
  constructor(
    private readonly commands: RegistryCommands,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  @Post()
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'An expert invites a person (by email, or a code to share). The code is the invitation id.' })
  async send(@Body() body: SendInvitationRequest, @CurrentPrincipal() who: Principal) {
    const inviter = await this.commands.loadExpert(who.subject);
    if (inviter.status !== 'member') throw new ForbiddenError('INVITATION.NOT_A_MEMBER', 'Only experts who joined may invite');
    const invitationId = this.ids.next();
    const { inviteeEmail } = body;
    const inviterEmail = inviter.profile.email;
    const r = await this.commands.invitation(
      {
        type: 'SendInvitation',
        data: { invitationId, inviterId: who.subject, ...(inviterEmail !== undefined ? { inviterEmail } : {}), ...(inviteeEmail !== undefined ? { inviteeEmail } : {}) },
        metadata: { now: this.clock.now() },
      },
      invitationId,
    );
    if (r.position) await this.projections.waitFor(r.position);
    return { invitationId, code: invitationId };
  }

  @Post(':invitationId/acceptance')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'An existing member redeems an invitation (new experts pass the code when joining). Fraud is recorded, not credited.' })
  async accept(@Param() p: InvitationIdParam, @CurrentPrincipal() who: Principal) {
    const r = await this.commands.acceptInvitation(p.invitationId, who.subject, this.ids.next());
    if (r.position) await this.projections.waitFor(r.position);
    return this.status(p, who);
  }

  @Get(':invitationId')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Invitation status, for its inviter, its invitee, or an operator.' })
  status(@Param() p: InvitationIdParam, @CurrentPrincipal() who: Principal) {
    const row = new RegistryQueries(this.projections.db).invitation(p.invitationId);
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
