import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PROPOSAL_REJECTION_REASONS, type ProposalRejectionReason } from '@hope/contracts';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, Idempotent, PROJECTIONS, Roles, type Principal } from '@hope/platform';
import { ConfidentialAccess } from '../../application/confidential-access';
import { DemandCommandHandler } from '../../application/demand.command-handler';
import { ProposalCommandHandler } from '../../application/proposal.command-handler';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import { canSee, isOwner, isStaff } from '../../domain/demand/demand.visibility';
import { ProposalNotFound } from '../../domain/proposal/proposal.decide';
import type { Proposal } from '../../domain/proposal/proposal.state';
import { adoptedProposalIds, proposalsOfDemand, proposalsOfExpert } from '../../projections/proposals/proposals.projection';
import { DemandIdParam } from '../demands/demand.request.dto';

const ID = /^[0-9a-f-]{36}$/i;

export class ProposalBody {
  @ApiProperty({ enum: ['clue', 'plan'] }) @IsIn(['clue', 'plan']) kind!: 'clue' | 'plan';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) subProblemId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Co-authors; the caller is the representative.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  coAuthorIds?: string[];
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ maxLength: 50000 }) @IsString() @MinLength(1) @MaxLength(50000) body!: string;
}

export class ProposalContentBody {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ maxLength: 50000 }) @IsString() @MinLength(1) @MaxLength(50000) body!: string;
}

export class RejectProposalBody {
  @ApiProperty({ enum: PROPOSAL_REJECTION_REASONS }) @IsIn(PROPOSAL_REJECTION_REASONS) reason!: ProposalRejectionReason;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ProposalIdParam {
  @ApiProperty({ format: 'uuid' }) @Matches(ID, { message: 'must be a UUID' }) proposalId!: string;
}

const view = (p: Proposal) => {
  if (p.status === 'none') throw new ProposalNotFound();
  return p;
};

@ApiTags('proposals')
@ApiBearerAuth()
@Controller()
export class ProposalsHttpController {
  constructor(
    private readonly proposals: ProposalCommandHandler,
    private readonly demands: DemandCommandHandler,
    private readonly confidential: ConfidentialAccess,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post('demands/:demandId/proposals')
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Submit a clue or a plan to a published demand or one of its sub-problems (content hash recorded).' })
  async submit(@Param() p: DemandIdParam, @Body() body: ProposalBody, @CurrentPrincipal() who: Principal) {
    const d = await this.demands.load(p.demandId);
    if (d.status === 'none' || !canSee(d, who, await this.confidential.accepted(d, who))) throw new DemandNotFound();
    const proposalId = this.proposals.newId();
    const demand = { status: d.status, organisationId: d.organisationId, subProblemIds: d.content.subProblems.map((s) => s.id) };
    const data = { proposalId, kind: body.kind, demandId: p.demandId, ...(body.subProblemId ? { subProblemId: body.subProblemId } : {}), coAuthorIds: body.coAuthorIds ?? [], content: { title: body.title, body: body.body }, demand };
    return view(await this.proposals.execute(proposalId, 'SubmitProposal', data, who, proposalId));
  }

  @Get('demands/:demandId/proposals')
  @Roles('enterprise', 'operator', 'analyst')
  @ApiOperation({ summary: "A demand's clues and plans: its organisation and staff only." })
  async ofDemand(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demands.load(p.demandId);
    if (d.status === 'none' || !(isStaff(who) || isOwner(d, who))) throw new DemandNotFound();
    return { items: proposalsOfDemand(this.projections.db, p.demandId) };
  }

  @Post('demands/:demandId/closure')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'operator')
  @ApiOperation({ summary: 'Close a published demand: awarded if any plan was adopted. Emits DemandClosed.' })
  async close(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demands.execute(p.demandId, 'CloseDemand', { adoptedProposalIds: adoptedProposalIds(this.projections.db, p.demandId) }, who);
    return d.status === 'none' ? undefined : { demandId: d.demandId, status: d.status, outcome: d.outcome };
  }

  @Get(['proposals/mine', 'experts/me/proposals'])
  @Roles('expert')
  @ApiOperation({ summary: 'The proposals I represent or co-author, newest first, with their status and my role in each.' })
  mine(@CurrentPrincipal() who: Principal) {
    return { items: proposalsOfExpert(this.projections.db, who.subject) };
  }

  @Get('proposals/:proposalId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "One proposal: its authors, the seeking organisation (whose first reading ends editing), staff." })
  async get(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    if (isStaff(who)) return view(await this.proposals.load(p.proposalId));
    return view(await this.proposals.execute(p.proposalId, 'OpenProposal', {}, who));
  }

  @Patch('proposals/:proposalId')
  @Roles('expert')
  @ApiOperation({ summary: 'Edit my proposal until the enterprise opens it (a new content hash).' })
  async edit(@Param() p: ProposalIdParam, @Body() body: ProposalContentBody, @CurrentPrincipal() who: Principal) {
    return view(await this.proposals.execute(p.proposalId, 'EditProposal', { content: { title: body.title, body: body.body } }, who));
  }

  @Post('proposals/:proposalId/withdrawal')
  @HttpCode(200)
  @Idempotent()
  @Roles('expert')
  async withdraw(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return view(await this.proposals.execute(p.proposalId, 'WithdrawProposal', {}, who));
  }

  @Post('proposals/:proposalId/shortlisting')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  async shortlist(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return view(await this.proposals.execute(p.proposalId, 'ShortlistPlan', { demandStatus: await this.demandStatusOf(p.proposalId) }, who));
  }

  @Post('proposals/:proposalId/adoption')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  async adopt(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return view(await this.proposals.execute(p.proposalId, 'AdoptPlan', { demandStatus: await this.demandStatusOf(p.proposalId) }, who));
  }

  /** The status of the demand a proposal answers ('none' if the proposal does not exist: the decider says 404). */
  private async demandStatusOf(proposalId: string): Promise<string> {
    const p = await this.proposals.load(proposalId);
    if (p.status === 'none') return 'none';
    return (await this.demands.load(p.demandId)).status;
  }

  @Post('proposals/:proposalId/rejection')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  async reject(@Param() p: ProposalIdParam, @Body() body: RejectProposalBody, @CurrentPrincipal() who: Principal) {
    return view(await this.proposals.execute(p.proposalId, 'RejectProposal', { reason: body.reason, ...(body.note ? { note: body.note } : {}) }, who));
  }
}
