import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AVAILABILITIES, type Availability } from '../../domain/expert/profile';

export class BilingualText {
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) en?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) zh?: string;
}

export class SkillDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ description: 'Year the skill was last practised' }) @IsInt() lastPractised!: number;
}

export class EmploymentDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) employer!: string;
  @ApiPropertyOptional({ description: 'Platform organisation id, if the employer has one (conflict of interest)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisationId?: string;
  @ApiProperty({ example: '2019-04' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' }) from!: string;
  @ApiPropertyOptional({ example: '2023-12' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' }) to?: string;
}

export class RateDto {
  @ApiProperty() @IsNumber() @Min(0) amount!: number;
  @ApiProperty({ example: 'CNY' }) @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO-4217 code' }) currency!: string;
  @ApiProperty({ enum: ['hour', 'day'] }) @IsIn(['hour', 'day']) per!: 'hour' | 'day';
}

const strings = (max: number) => [IsArray(), ArrayMaxSize(max), IsString({ each: true }), MaxLength(100, { each: true })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** Every profile field but the name; all optional (absent = unchanged). */
class ProfileFields {
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ type: BilingualText }) @IsOptional() @ValidateNested() @Type(() => BilingualText) bio?: BilingualText;
  @ApiPropertyOptional({ type: BilingualText }) @IsOptional() @ValidateNested() @Type(() => BilingualText) expertise?: BilingualText;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @apply(strings(30)) domains?: string[];
  @ApiPropertyOptional({ type: [SkillDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SkillDto) skills?: SkillDto[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @apply(strings(50)) certifications?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Publication and patent titles' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  publications?: string[];
  @ApiPropertyOptional({ type: [EmploymentDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EmploymentDto) employers?: EmploymentDto[];
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional({ type: [String], example: ['zh', 'en'] }) @IsOptional() @apply(strings(20)) languages?: string[];
  @ApiPropertyOptional({ enum: AVAILABILITIES }) @IsOptional() @IsIn(AVAILABILITIES) availability?: Availability;
  @ApiPropertyOptional({ type: RateDto }) @IsOptional() @ValidateNested() @Type(() => RateDto) rate?: RateDto;
}

/** An update: any field, absent = unchanged. */
export class ProfileChangesRequest extends ProfileFields {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100) name?: string;
}

export class JoinRequest extends ProfileFields {
  @ApiProperty({ maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ description: 'The invitation code (the invitation id) this expert joins with' })
  @IsOptional()
  @IsUUID()
  invitationCode?: string;
}
