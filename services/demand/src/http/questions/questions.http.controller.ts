import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { CommandMeta, Principal } from '@hope/kernel';
import { ApiProblems, CurrentPrincipal, IDS, Idempotent, Roles, type IdSource } from '@hope/platform';
import { PROPOSAL_DEPS, type ProposalDeps } from '../../application/proposals/proposal.deps';
import { answerQuestion } from '../../application/questions/answer-question.use-case';
import { askQuestion } from '../../application/questions/ask-question.use-case';
import { readThread } from '../../application/questions/question-thread';
import { ProposalIdParam } from '../proposals/proposals.http.controller';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { QuestionsAskResponse, QuestionsThreadResponse } from './questions.response.dto';
import { PROPOSAL_NOT_FOUND, QUESTION_EMPTY, QUESTION_NOT_FOUND, QUESTION_PROPOSAL_WITHDRAWN } from '../demand.problems';

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
    @Inject(PROPOSAL_DEPS) private readonly deps: ProposalDeps,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Ask the authors of a proposal to my organisation\'s demand a question.' })
  @ApiCreatedResponse({ type: QuestionsAskResponse })
  @ApiProblems(PROPOSAL_NOT_FOUND, QUESTION_PROPOSAL_WITHDRAWN, QUESTION_EMPTY)
  ask(@Param() p: ProposalIdParam, @Body() body: QuestionTextBody, @CurrentPrincipal() who: Principal) {
    return askQuestion(this.deps, { proposalId: p.proposalId, text: body.text, by: who }, this.meta());
  }

  @Post(':questionId/answers')
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Answer a question on my proposal (its representative or a co-author).' })
  @ApiCreatedResponse({ type: QuestionsAskResponse })
  @ApiProblems(PROPOSAL_NOT_FOUND, QUESTION_NOT_FOUND, QUESTION_EMPTY)
  answer(@Param() p: QuestionParam, @Body() body: QuestionTextBody, @CurrentPrincipal() who: Principal) {
    return answerQuestion(this.deps, { proposalId: p.proposalId, questionId: p.questionId, text: body.text, by: who }, this.meta());
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "A proposal's questions and answers, oldest first: the seeker, the authors, staff." })
  @ApiOkResponse({ type: QuestionsThreadResponse })
  @ApiProblems(PROPOSAL_NOT_FOUND)
  thread(@Param() p: ProposalIdParam, @CurrentPrincipal() who: Principal) {
    return readThread(this.deps, { proposalId: p.proposalId, by: who });
  }
}
