import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PROPOSAL_REJECTION_REASONS, type ProposalRejectionReason } from '@hope/contracts';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CommandMeta, CurrentPrincipal, IDS, Idempotent, Roles, type IdSource } from '@hope/platform';
import { changeProposal, type ProposalChange } from '../../application/proposals/change-proposal.use-case';
import { closeDemand } from '../../application/proposals/close-demand.use-case';
import { decidePlan } from '../../application/proposals/decide-plan.use-case';
import { PROPOSAL_DEPS, type ProposalDeps } from '../../application/proposals/proposal.deps';
import { proposalsOfDemand } from '../../application/proposals/proposals-of-demand.use-case';
import { readProposal } from '../../application/proposals/read-proposal.use-case';
import { submitProposal } from '../../application/proposals/submit-proposal.use-case';
import { ProposalQueries } from '../../projections/proposals/proposals.queries';
import { DemandIdParam } from '../demands/demand.request.dto';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ProposalsCloseResponse, ProposalsMineResponse, ProposalsOfDemandResponse, ProposalsShortlistResponse, SeenProposalView } from './proposals.response.dto';
import { DEMAND_ILLEGAL_TRANSITION, DEMAND_NOT_FOUND, DEMAND_NOT_SEEKER, PROPOSAL_ALREADY_OPENED, PROPOSAL_DEADLINE_PASSED, PROPOSAL_DEMAND_NOT_OPEN, PROPOSAL_ILLEGAL_TRANSITION, PROPOSAL_NOT_A_PLAN, PROPOSAL_NOT_FOUND, PROPOSAL_NOT_SEEKER, PROPOSAL_NOT_REPRESENTATIVE, PROPOSAL_UNKNOWN_SUB_PROBLEM } from '../demand.problems';

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

@ApiTags('proposals')
@ApiBearerAuth()
@Controller()
export class ProposalsHttpController {
  constructor(
    @Inject(PROPOSAL_DEPS) private readonly deps: ProposalDeps,
    @Inject(IDS) private readonly ids: IdSource,
    private readonly proposalList: ProposalQueries,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  private change(proposalId: string, change: ProposalChange, who: Principal) {
    return changeProposal(this.deps, { proposalId, change, by: who }, this.meta());
  }

  @Post('demands/:demandId/proposals')
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Submit a clue or a plan to a published demand or one of its sub-problems (content hash recorded).' })
  @ApiCreatedResponse({ type: SeenProposalView })
  @ApiProblems(DEMAND_NOT_FOUND, PROPOSAL_DEMAND_NOT_OPEN, PROPOSAL_DEADLINE_PASSED, PROPOSAL_UNKNOWN_SUB_PROBLEM)
  async submit(@Param() p: DemandIdParam, @Body() body: ProposalBody, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    const input = { demandId: p.demandId, kind: body.kind, ...(body.subProblemId ? { subProblemId: body.subProblemId } : {}), coAuthorIds: body.coAuthorIds ?? [], content: { title: body.title, body: body.body }, by: who };
    return submitProposal(this.deps, input, meta);
  }

  @Get('demands/:demandId/proposals')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "A demand's clues and plans: its seeker (its organisation, or the expert who published it as a paid need) and staff only." })
  @ApiOkResponse({ type: ProposalsOfDemandResponse })
  @ApiProblems(DEMAND_NOT_FOUND)
  async ofDemand(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return proposalsOfDemand({ ...this.deps, proposalList: this.proposalList }, { demandId: p.demandId, by: who });
  }

  @Post('demands/:demandId/closure')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'operator', 'expert')
  @ApiOperation({ summary: 'Close a published demand: awarded if any plan was adopted. Its seeker (its organisation, or the expert who asked for it as a paid need) or an operator. Emits DemandClosed.' })
  @ApiOkResponse({ type: ProposalsCloseResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_NOT_SEEKER)
  async close(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await closeDemand({ ...this.deps, proposalList: this.proposalList }, { demandId: p.demandId, by: who }, this.meta());
    return d.status === 'none' ? undefined : { demandId: d.demandId, status: d.status, outcome: d.outcome };
  }

  @Get(['proposals/mine', 'experts/me/proposals'])
  @Roles('expert')
  @ApiOperation({ summary: 'The proposals I represent or co-author, newest first, with their status and my role in each.' })
  @ApiOkResponse({ type: ProposalsMineResponse })
  mine(@CurrentPrincipal() who: Principal) {
    return { items: this.proposalList.ofExpert(who.subject) };
  }

  @Get('proposals/:proposalId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "One proposal: its authors, the seeking organisation (whose first reading ends editing), staff." })
  @ApiOkResponse({ type: SeenProposalView })
  @ApiProblems(PROPOSAL_NOT_FOUND)
  async get(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return readProposal(this.deps, { proposalId: p.proposalId, by: who }, this.meta());
  }

  @Patch('proposals/:proposalId')
  @Roles('expert')
  @ApiOperation({ summary: 'Edit my proposal until the enterprise opens it (a new content hash).' })
  @ApiOkResponse({ type: SeenProposalView })
  @ApiProblems(PROPOSAL_NOT_FOUND, PROPOSAL_NOT_REPRESENTATIVE('edit'), PROPOSAL_ILLEGAL_TRANSITION, PROPOSAL_ALREADY_OPENED)
  async edit(@Param() p: ProposalIdParam, @Body() body: ProposalContentBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.proposalId, { type: 'EditProposal', data: { content: { title: body.title, body: body.body } } }, who);
  }

  @Post('proposals/:proposalId/withdrawal')
  @HttpCode(200)
  @Idempotent()
  @Roles('expert')
  @ApiOperation({ summary: 'Withdraw my proposal.' })
  @ApiOkResponse({ type: SeenProposalView })
  @ApiProblems(PROPOSAL_NOT_FOUND, PROPOSAL_NOT_REPRESENTATIVE('withdraw'), PROPOSAL_ILLEGAL_TRANSITION)
  async withdraw(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return this.change(p.proposalId, { type: 'WithdrawProposal', data: {} }, who);
  }

  @Post('proposals/:proposalId/shortlisting')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'expert')
  @ApiOperation({ summary: 'The seeker shortlists a plan: the seeking organisation, or the expert who asked for the demand as a paid need.' })
  @ApiOkResponse({ type: ProposalsShortlistResponse })
  @ApiProblems(PROPOSAL_NOT_FOUND, PROPOSAL_NOT_A_PLAN, PROPOSAL_ILLEGAL_TRANSITION, PROPOSAL_DEMAND_NOT_OPEN, PROPOSAL_NOT_SEEKER('shortlist plans'))
  async shortlist(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return decidePlan(this.deps, { proposalId: p.proposalId, decision: 'ShortlistPlan', by: who }, this.meta());
  }

  @Post('proposals/:proposalId/adoption')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'expert')
  @ApiOperation({ summary: 'The seeker adopts a plan (the seeking organisation, or the expert who asked for a paid need): the demand can close as awarded.' })
  @ApiOkResponse({ type: ProposalsShortlistResponse })
  @ApiProblems(PROPOSAL_NOT_FOUND, PROPOSAL_NOT_A_PLAN, PROPOSAL_ILLEGAL_TRANSITION, PROPOSAL_DEMAND_NOT_OPEN, PROPOSAL_NOT_SEEKER('adopt plans'))
  async adopt(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return decidePlan(this.deps, { proposalId: p.proposalId, decision: 'AdoptPlan', by: who }, this.meta());
  }

  @Post('proposals/:proposalId/rejection')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'expert')
  @ApiOperation({ summary: 'The seeker rejects a proposal, with a reason (the seeking organisation, or the expert who asked for a paid need).' })
  @ApiOkResponse({ type: SeenProposalView })
  @ApiProblems(PROPOSAL_NOT_FOUND, PROPOSAL_ILLEGAL_TRANSITION, PROPOSAL_NOT_SEEKER('reject proposals'))
  async reject(@Param() p: ProposalIdParam, @Body() body: RejectProposalBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.proposalId, { type: 'RejectProposal', data: { reason: body.reason, ...(body.note ? { note: body.note } : {}) } }, who);
  }
}
