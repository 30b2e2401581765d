import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PagingCursorParam } from '@hope/platform';
import { IP_STATUSES, RESOURCE_KINDS, TRL_MAX, TRL_MIN, type IpStatus, type ResourceKind } from '../../domain/resources/resource';

/** A resource id names a stream (`resource-<id>`): letters, digits and `_.:-`, never a path. */
export const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
/** An owner's key for a row of an import file: printable, no spaces at the ends. */
export const EXTERNAL_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:/#-]{0,199}$/;

export class ResourceIdParam {
  @ApiProperty({ pattern: RESOURCE_ID.source }) @Matches(RESOURCE_ID, { message: 'must be a resource id (letters, digits, _.:-, at most 100)' }) resourceId!: string;
}

export class ResourceTitle {
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) zh?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) en?: string;
}

export class ResourceDescription {
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) zh?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) en?: string;
}

/** Every field of a resource, all optional: a revision (absent = unchanged). */
export class ReviseResourceRequest {
  @ApiPropertyOptional({ enum: RESOURCE_KINDS }) @IsOptional() @IsIn(RESOURCE_KINDS) kind?: ResourceKind;
  @ApiPropertyOptional({ type: ResourceTitle, description: 'Chinese and/or English; at least one' }) @IsOptional() @ValidateNested() @Type(() => ResourceTitle) title?: ResourceTitle;
  @ApiPropertyOptional({ type: ResourceDescription }) @IsOptional() @ValidateNested() @Type(() => ResourceDescription) description?: ResourceDescription;
  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  capabilities?: string[];
  @ApiPropertyOptional({ minimum: TRL_MIN, maximum: TRL_MAX, description: 'Technology readiness level' }) @IsOptional() @IsInt() @Min(TRL_MIN) @Max(TRL_MAX) trl?: number;
  @ApiPropertyOptional({ enum: IP_STATUSES }) @IsOptional() @IsIn(IP_STATUSES) ipStatus?: IpStatus;
  @ApiPropertyOptional({ maxLength: 100, example: 'CN-37' }) @IsOptional() @IsString() @Length(1, 100) region?: string;
}

/** A new resource. No contact field: enquiries go through the platform. */
export class RegisterResourceRequest {
  @ApiProperty({ enum: RESOURCE_KINDS }) @IsIn(RESOURCE_KINDS) kind!: ResourceKind;
  @ApiProperty({ type: ResourceTitle, description: 'Chinese and/or English; at least one' }) @ValidateNested() @Type(() => ResourceTitle) title!: ResourceTitle;
  @ApiPropertyOptional({ type: ResourceDescription }) @IsOptional() @ValidateNested() @Type(() => ResourceDescription) description?: ResourceDescription;
  @ApiProperty({ type: [String], maxItems: 50 }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 100, { each: true }) capabilities!: string[];
  @ApiProperty({ minimum: TRL_MIN, maximum: TRL_MAX, description: 'Technology readiness level' }) @IsInt() @Min(TRL_MIN) @Max(TRL_MAX) trl!: number;
  @ApiProperty({ enum: IP_STATUSES }) @IsIn(IP_STATUSES) ipStatus!: IpStatus;
  @ApiProperty({ maxLength: 100, example: 'CN-37' }) @IsString() @Length(1, 100) region!: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'Staff name the owner; an enterprise registers for its own organisation' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerOrganisationId?: string;
}

/** One row of a bulk import: a resource plus the owner's key for it (the same key imports the same resource). */
export class ImportResourceRow extends RegisterResourceRequest {
  @ApiProperty({ pattern: EXTERNAL_KEY.source }) @Matches(EXTERNAL_KEY, { message: 'must be 1-200 letters, digits or _.:/#-, starting with a letter or digit' }) externalKey!: string;
}

export class WithdrawResourceRequest {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class EnquiryRequest {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) message!: string;
}

export class SearchResourcesQuery {
  @ApiPropertyOptional({ description: 'Text contained in the title, description or capabilities' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: RESOURCE_KINDS }) @IsOptional() @IsIn(RESOURCE_KINDS) kind?: ResourceKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) ownerOrganisationId?: string;
  @ApiPropertyOptional({ minimum: TRL_MIN, maximum: TRL_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(TRL_MIN) @Max(TRL_MAX) minTrl?: number;
  @ApiPropertyOptional({ enum: ['active', 'withdrawn'], default: 'active' }) @IsOptional() @IsIn(['active', 'withdrawn']) status?: 'active' | 'withdrawn';
  @PagingCursorParam() cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
