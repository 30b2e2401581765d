import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MEETING_KINDS, type MeetingKind } from '@hope/contracts';
import { MAX_SEATS } from '../../domain/meeting/meeting.decide';

export class ScheduleMeetingRequest {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'Required unless online.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiProperty()
  @IsBoolean()
  online!: boolean;

  @ApiProperty({ minimum: 1, maximum: MAX_SEATS })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats!: number;
}

export class MeetingIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  meetingId!: string;
}

export class RegisterRequest {
  @ApiPropertyOptional({ default: true, description: 'When full: wait for a seat (true) or be refused with 409 MEETING.FULL.' })
  @IsOptional()
  @IsBoolean()
  joinWaitingList?: boolean;
}

export class AttendanceRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  participantId!: string;
}

export class ListMeetingsQuery {
  @ApiPropertyOptional({ description: 'Only meetings with at least one free seat.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  withFreeSeats?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
