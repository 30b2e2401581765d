import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PagingCursorParam } from '@hope/platform';
import { INTERVIEW_RULES } from '../../domain/rules/interview-policy';

const STATUSES = ['requested', 'counter-proposed', 'accepted', 'confirmed', 'declined', 'expired', 'gate-failed', 'cancelled', 'completed', 'no-show', 'payment-failed'] as const;

export class RequestInterviewRequest {
  @ApiProperty({ description: 'The expert (their subject id): it names their calendar stream, so it must look like an id.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { message: 'must be an expert id' })
  expertId!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic!: string;

  @ApiProperty({ minimum: INTERVIEW_RULES.minMinutes, maximum: INTERVIEW_RULES.maxMinutes })
  @IsInt()
  @Min(INTERVIEW_RULES.minMinutes)
  @Max(INTERVIEW_RULES.maxMinutes)
  durationMinutes!: number;

  @ApiProperty({ type: [String], description: 'Up to three proposed start times, ISO 8601 with offset.', example: ['2030-03-05T09:00:00+08:00'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(INTERVIEW_RULES.maxProposedSlots)
  @IsISO8601({ strict: true }, { each: true })
  slots!: string[];

  @ApiPropertyOptional({
    enum: ['contract', 'points'],
    default: 'contract',
    description: "points: an enterprise pays from its organisation's points account (org:<organisationId>), an expert booking a peer from their own; reserved on confirmation, held until 7 days after the call.",
  })
  @IsOptional()
  @IsIn(['contract', 'points'])
  payment?: 'contract' | 'points';
}

export class InterviewIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  interviewId!: string;
}

export class AcceptInterviewRequest {
  @ApiProperty({ description: 'One of the proposed start times.' })
  @IsISO8601({ strict: true })
  start!: string;
}

export class CounterProposeRequest {
  @ApiProperty({ type: [String] })
  @ArrayMinSize(1)
  @ArrayMaxSize(INTERVIEW_RULES.maxProposedSlots)
  @IsISO8601({ strict: true }, { each: true })
  slots!: string[];
}

export class ReasonRequest {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AttestationRequest {
  @ApiProperty({ description: 'No confidential information of a current or former employer will be shared.' })
  @IsBoolean()
  noConfidentialInformation!: boolean;

  @ApiProperty({ description: 'No conflict of interest with the requesting enterprise or topic.' })
  @IsBoolean()
  noConflictOfInterest!: boolean;
}

export class CompletionRequest {
  @ApiProperty({ minimum: 1, maximum: INTERVIEW_RULES.maxActualMinutes })
  @IsInt()
  @Min(1)
  @Max(INTERVIEW_RULES.maxActualMinutes)
  actualMinutes!: number;
}

export class RatingRequest {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class NoShowRequest {
  @ApiProperty({ enum: ['expert', 'enterprise'] })
  @IsIn(['expert', 'enterprise'])
  absent!: 'expert' | 'enterprise';
}

export class ListBookingsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  expertId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisationId?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @PagingCursorParam()
  cursor?: string;
}

/** No fields: with unknown fields forbidden, any property in the body is a 400 naming it. */
export class EmptyRequest {}
