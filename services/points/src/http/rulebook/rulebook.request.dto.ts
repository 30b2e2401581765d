import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class PerExpertLimitsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000) day?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000) week?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000) month?: number;
}

export class BudgetDto {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) @IsIn(['day', 'week', 'month']) period!: 'day' | 'week' | 'month';
  @ApiProperty({ description: 'Points this rule may earn, all experts together, per period.' }) @IsInt() @Min(1) @Max(1_000_000_000) points!: number;
}

export class EarningRuleDto {
  @ApiProperty({ pattern: ID.source }) @Matches(ID) id!: string;
  @ApiProperty({ example: 'PlanAdopted' }) @IsString() @Matches(/^[A-Z][A-Za-z]{1,63}$/) sourceType!: string;
  @ApiProperty({ minimum: 1, maximum: 100_000 }) @IsInt() @Min(1) @Max(100_000) points!: number;
  @ApiProperty({ example: 'expertId' }) @IsString() @Matches(/^[A-Za-z]{1,64}$/) recipientField!: string;
  @ApiPropertyOptional({ description: 'Equality conditions on the source payload, e.g. { "kind": "exchange-meeting" }.' })
  @IsOptional()
  @IsObject()
  when?: Record<string, string>;
  @ApiPropertyOptional({ type: PerExpertLimitsDto }) @IsOptional() @ValidateNested() @Type(() => PerExpertLimitsDto) perExpert?: PerExpertLimitsDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onceEver?: boolean;
  @ApiPropertyOptional({ type: BudgetDto }) @IsOptional() @ValidateNested() @Type(() => BudgetDto) budget?: BudgetDto;
}

export class ExpiryPolicyDto {
  @ApiProperty({ enum: ['rolling', 'end-of-month', 'end-of-year'] }) @IsIn(['rolling', 'end-of-month', 'end-of-year']) kind!: 'rolling' | 'end-of-month' | 'end-of-year';
  @ApiProperty({ minimum: 1, maximum: 120 }) @IsInt() @Min(1) @Max(120) months!: number;
}

export class TierThresholdsDto {
  @ApiProperty() @IsInt() @Min(0) @Max(100_000_000) bronze!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000_000) silver!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000_000) gold!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000_000) platinum!: number;
}

export class TierDowngradeDto {
  @ApiProperty({ description: 'Days an account must stay below its tier threshold (and hold its tier) before it falls one tier.', minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays!: number;
}

export class TierPolicyDto {
  @ApiProperty({ type: TierThresholdsDto, description: 'Points earned (net of reversals) in the window for each tier; strictly rising.' })
  @ValidateNested()
  @Type(() => TierThresholdsDto)
  thresholds!: TierThresholdsDto;
  @ApiProperty({ minimum: 1, maximum: 3650, default: 365 }) @IsInt() @Min(1) @Max(3650) windowDays!: number;
  @ApiProperty({ type: TierDowngradeDto }) @ValidateNested() @Type(() => TierDowngradeDto) downgrade!: TierDowngradeDto;
}

/** A whole rule set (what is not listed is not earned). */
export class RuleSetDto {
  @ApiProperty({ type: [EarningRuleDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => EarningRuleDto) rules!: EarningRuleDto[];
  @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) pendingDays!: number;
  @ApiProperty({ type: ExpiryPolicyDto }) @ValidateNested() @Type(() => ExpiryPolicyDto) expiry!: ExpiryPolicyDto;
  @ApiPropertyOptional({ type: TierPolicyDto, description: 'Tiers of influence; the default policy when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TierPolicyDto)
  tiers?: TierPolicyDto;
}

export class ChangeRulesRequest extends RuleSetDto {
  @ApiPropertyOptional({ description: 'Sources that occur from this instant on earn under the new version (default: now).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;
  @ApiPropertyOptional({ description: 'Refuse (409) unless the rule set is at this version.' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ApiProperty({ minLength: 3, maxLength: 500 }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
}

export class CatalogueItemDto {
  @ApiProperty({ pattern: ID.source }) @Matches(ID) id!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ minimum: 1, maximum: 1_000_000 }) @IsInt() @Min(1) @Max(1_000_000) price!: number;
  @ApiPropertyOptional({ description: 'Open or captured redemptions per expert.' }) @IsOptional() @IsInt() @Min(1) perExpertLimit?: number;
  @ApiPropertyOptional({ description: 'Open or captured redemptions, all experts together.' }) @IsOptional() @IsInt() @Min(1) totalLimit?: number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) availableFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) availableUntil?: string;
}

export class ChangeCatalogueRequest {
  @ApiProperty({ type: [CatalogueItemDto] })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CatalogueItemDto)
  items!: CatalogueItemDto[];
  @ApiProperty({ minimum: 1, maximum: 43_200 }) @IsInt() @Min(1) @Max(43_200) reservationTimeoutMinutes!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ApiProperty({ minLength: 3, maxLength: 500 }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
}
