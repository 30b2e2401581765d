import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { GROUP_RULES } from '../../domain/research-group/research-group.decide';

const EXPERT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export class FormResearchGroupRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 500, description: 'The topic the experts work on.' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  topic!: string;

  @ApiPropertyOptional({ description: 'The demand the group works for, if any (a published one).' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'must be a demand id' })
  demandId?: string;

  @ApiPropertyOptional({ description: 'The sponsoring organisation (operators only; an enterprise sponsors itself).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisationId?: string;

  @ApiProperty()
  @Matches(EXPERT_ID, { message: 'must be an expert id' })
  leadExpertId!: string;

  @ApiPropertyOptional({ type: [String], maxItems: GROUP_RULES.maxMembers })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GROUP_RULES.maxMembers)
  @Matches(EXPERT_ID, { each: true, message: 'must hold expert ids' })
  memberIds?: string[];

  @ApiProperty()
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  endsAt!: string;
}

export class GroupIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  groupId!: string;
}

export class MemberParams extends GroupIdParam {
  @ApiProperty()
  @Matches(EXPERT_ID, { message: 'must be an expert id' })
  expertId!: string;
}

export class MilestoneParams extends GroupIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  milestoneId!: string;
}

export class AddMemberRequest {
  @ApiProperty()
  @Matches(EXPERT_ID, { message: 'must be an expert id' })
  expertId!: string;
}

export class NoteRequest {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class PlanMilestoneRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  dueAt!: string;
}

export class CloseResearchGroupRequest {
  @ApiProperty({ maxLength: 10_000, description: 'The closing report.' })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  findings?: string[];
}
