import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { PagingCursorParam } from '@hope/platform';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IP_TERMS, MATURITIES, VISIBILITIES, type DemandContent, type IpTerms, type Maturity, type Visibility } from '../../domain/demand/demand.content';

export class TitleText {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) en?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) zh?: string;
}

export class LongText {
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) en?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) zh?: string;
}

export class SubProblemBody {
  @ApiProperty({ example: 'sp-1', description: 'Stable within the demand; proposals and matching refer to it.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, "-" or "_"' })
  id!: string;
  @ApiProperty({ type: TitleText }) @ValidateNested() @Type(() => TitleText) title!: TitleText;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(80, { each: true }) capabilities?: string[];
}

export class RewardBody {
  @ApiProperty({ enum: ['reward', 'budget'] }) @IsIn(['reward', 'budget']) kind!: 'reward' | 'budget';
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000_000) amount!: number;
  @ApiProperty({ example: 'CNY' }) @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' }) currency!: string;
}

/** A demand as an enterprise writes it. Types and sizes are checked here; cross-field rules in the decider. */
export class DemandBody {
  @ApiProperty({ type: TitleText }) @ValidateNested() @Type(() => TitleText) title!: TitleText;
  @ApiProperty({ type: LongText }) @ValidateNested() @Type(() => LongText) description!: LongText;
  @ApiProperty({ example: 'smart-home' }) @IsString() @MinLength(1) @MaxLength(60) domain!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(60, { each: true }) keywords?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(80, { each: true }) capabilities?: string[];
  @ApiPropertyOptional({ type: [SubProblemBody] }) @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => SubProblemBody) subProblems?: SubProblemBody[];
  @ApiProperty({ enum: MATURITIES }) @IsIn(MATURITIES) maturity!: Maturity;
  @ApiProperty({ minimum: 1, maximum: 9, description: 'Technology readiness level sought.' }) @IsInt() @Min(1) @Max(9) trl!: number;
  @ApiPropertyOptional({ type: RewardBody }) @IsOptional() @ValidateNested() @Type(() => RewardBody) reward?: RewardBody;
  @ApiProperty({ enum: IP_TERMS, description: 'Fixed once published.' }) @IsIn(IP_TERMS) ipTerms!: IpTerms;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) deadline!: string;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility!: Visibility;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() anonymous?: boolean;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) contact?: string;
}

/** Edits and revisions name only the fields they change. */
export class DemandChangesBody extends PartialType(DemandBody) {}

export class ReasonBody {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class OptionalReasonBody {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when an operator cancels a published demand.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class DemandIdParam {
  @ApiProperty({ format: 'uuid' }) @IsString() @Matches(/^[0-9a-f-]{36}$/i, { message: 'must be a UUID' }) demandId!: string;
}

export class BrowseDemandsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) domain?: string;
  @ApiPropertyOptional({
    description: 'Words to find in titles, descriptions, keywords, capabilities and sub-problems, in Chinese or English: every word must occur, in any order; a part in double quotes is a phrase. Most relevant first unless `sort` says otherwise.',
    example: 'low noise "heat pump"',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  keyword?: string;
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'rejected', 'published', 'closed', 'cancelled', 'expired'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'rejected', 'published', 'closed', 'cancelled', 'expired'])
  status?: string;
  @ApiPropertyOptional({ description: "Only my organisation's demands." })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
  @ApiPropertyOptional({ description: 'A capability the demand or one of its sub-problems asks for.' }) @IsOptional() @IsString() @MaxLength(80) capability?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline at or after.' }) @IsOptional() @IsISO8601({ strict: true }) deadlineFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline at or before.' }) @IsOptional() @IsISO8601({ strict: true }) deadlineTo?: string;
  @ApiPropertyOptional({ enum: ['relevance', 'newest', 'deadline'], description: 'default: relevance with `keyword`, newest without' })
  @IsOptional()
  @IsIn(['relevance', 'newest', 'deadline'])
  sort?: 'relevance' | 'newest' | 'deadline';
  @PagingCursorParam() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const text = (t: { en?: string; zh?: string }) => ({ ...(t.en !== undefined ? { en: t.en } : {}), ...(t.zh !== undefined ? { zh: t.zh } : {}) });

/** Plain domain values from validated DTO instances (no class prototypes in the events). */
export function toContent(b: DemandBody): DemandContent {
  return {
    title: text(b.title),
    description: text(b.description),
    domain: b.domain,
    keywords: b.keywords ?? [],
    capabilities: b.capabilities ?? [],
    subProblems: (b.subProblems ?? []).map((s) => ({ id: s.id, title: text(s.title), capabilities: s.capabilities ?? [] })),
    maturity: b.maturity,
    trl: b.trl,
    ...(b.reward ? { reward: { kind: b.reward.kind, amount: b.reward.amount, currency: b.reward.currency } } : {}),
    ipTerms: b.ipTerms,
    deadline: new Date(b.deadline).toISOString(),
    visibility: b.visibility,
    anonymous: b.anonymous ?? false,
    ...(b.contact !== undefined ? { contact: b.contact } : {}),
  };
}

export function toChanges(b: DemandChangesBody): Partial<DemandContent> {
  const c: { -readonly [K in keyof DemandContent]?: DemandContent[K] } = {};
  if (b.title) c.title = text(b.title);
  if (b.description) c.description = text(b.description);
  if (b.domain !== undefined) c.domain = b.domain;
  if (b.keywords) c.keywords = b.keywords;
  if (b.capabilities) c.capabilities = b.capabilities;
  if (b.subProblems) c.subProblems = b.subProblems.map((s) => ({ id: s.id, title: text(s.title), capabilities: s.capabilities ?? [] }));
  if (b.maturity) c.maturity = b.maturity;
  if (b.trl !== undefined) c.trl = b.trl;
  if (b.reward) c.reward = { kind: b.reward.kind, amount: b.reward.amount, currency: b.reward.currency };
  if (b.ipTerms) c.ipTerms = b.ipTerms;
  if (b.deadline) c.deadline = new Date(b.deadline).toISOString();
  if (b.visibility) c.visibility = b.visibility;
  if (b.anonymous !== undefined) c.anonymous = b.anonymous;
  if (b.contact !== undefined) c.contact = b.contact;
  return c;
}
