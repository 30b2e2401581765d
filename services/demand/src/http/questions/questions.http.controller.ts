import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal, Idempotent, Roles, type Principal } from '@hope/platform';
import { partiesOf, QuestionThreadCommandHandler } from '../../application/question-thread.command-handler';
import { ProposalCommandHandler } from '../../application/proposal.command-handler';
import { ProposalNotFound } from '../../domain/proposal/proposal.decide';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import { mayRead } from '../../domain/questions/questions.decide';
import { ProposalIdParam } from '../proposals/proposals.http.controller';

export class QuestionTextBody {
  @ApiProperty({ maxLength: 5000 }) @IsString() @MinLength(1) @MaxLength(5000) text!: string;
}

export class QuestionParam extends ProposalIdParam {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f-]{36}$/i, { message: 'must be a UUID' }) questionId!: string;
}

/** A thread per proposal: the seeking organisation asks, the representative or co-authors answer; staff read. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals/:proposalId/questions')
export class QuestionsHttpController {
  constructor(
    private readonly threads: QuestionThreadCommandHandler,
    private readonly proposals: ProposalCommandHandler,
  ) {}

  /** The proposal, if this caller is party to its thread (404 otherwise: nothing leaks). */
  private async proposal(proposalId: string, who: Principal): Promise<ExistingProposal> {
    const p = await this.proposals.load(proposalId);
    if (p.status === 'none' || !mayRead(partiesOf(p), who)) throw new ProposalNotFound();
    return p;
  }

  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Ask the authors of a proposal to my organisation\'s demand a question.' })
  async ask(@Param() p: ProposalIdParam, @Body() body: QuestionTextBody, @CurrentPrincipal() who: Principal) {
    const proposal = await this.proposal(p.proposalId, who);
    const questionId = this.threads.newId();
    const thread = await this.threads.execute(proposal, 'AskQuestion', { questionId, text: body.text }, who, questionId);
    return thread.questions.find((q) => q.questionId === questionId);
  }

  @Post(':questionId/answers')
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Answer a question on my proposal (its representative or a co-author).' })
  async answer(@Param() p: QuestionParam, @Body() body: QuestionTextBody, @CurrentPrincipal() who: Principal) {
    const proposal = await this.proposal(p.proposalId, who);
    const answerId = this.threads.newId();
    const thread = await this.threads.execute(proposal, 'AnswerQuestion', { questionId: p.questionId, answerId, text: body.text }, who, answerId);
    return thread.questions.find((q) => q.questionId === p.questionId);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "A proposal's questions and answers, oldest first: the seeker, the authors, staff." })
  async thread(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    await this.proposal(p.proposalId, who);
    return { proposalId: p.proposalId, items: (await this.threads.load(p.proposalId)).questions };
  }
}
