import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { INTERVIEW_RULES } from '../../domain/rules/interview-policy';
import { WEEKDAYS, type Weekday } from '../../domain/availability/availability';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const EXPERT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export class ExpertIdParam {
  @ApiProperty()
  @Matches(EXPERT_ID, { message: 'must be an expert id' })
  expertId!: string;
}

export class TimeSpan {
  @ApiProperty({ example: '09:00' })
  @Matches(HHMM, { message: 'must be HH:MM' })
  from!: string;

  @ApiProperty({ example: '12:30', description: 'HH:MM, or 24:00' })
  @Matches(HHMM, { message: 'must be HH:MM (or 24:00)' })
  to!: string;
}

export class WeeklySlotDto extends TimeSpan {
  @ApiProperty({ enum: WEEKDAYS })
  @IsIn(WEEKDAYS)
  day!: Weekday;
}

export class ExceptionDto {
  @ApiProperty({ example: '2030-05-01', description: "A local date in the expert's zone; its slots replace the weekly ones (none = away)." })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ type: [TimeSpan] })
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => TimeSpan)
  slots!: TimeSpan[];
}

export class PublishAvailabilityRequest {
  @ApiProperty({ example: 'Asia/Shanghai', description: "The expert's IANA time zone; slots are wall-clock times there." })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [WeeklySlotDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotDto)
  weekly!: WeeklySlotDto[];

  @ApiPropertyOptional({ type: [ExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => ExceptionDto)
  exceptions?: ExceptionDto[];
}

export class FreeSlotsQuery {
  @ApiProperty({ description: 'Start of the range (ISO 8601 with offset).' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'End of the range; at most 62 days after `from`.' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ minimum: INTERVIEW_RULES.minMinutes, maximum: INTERVIEW_RULES.maxMinutes, default: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(INTERVIEW_RULES.minMinutes)
  @Max(INTERVIEW_RULES.maxMinutes)
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "The asker's IANA zone: slots are answered with its offset. Default UTC." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 120, default: 30, description: 'Granularity of start times, minutes.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(120)
  stepMinutes?: number;
}
