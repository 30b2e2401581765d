import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_KINDS, type MeetingKind } from '@hope/contracts';
import { INBOX_KINDS, type InboxKind } from '../../projections/inbox/inbox.projection';

// What the inbox operations answer (see docs/decisions/0026-typed-openapi-and-client.md).

/** Per kind: enterprise invitations name the organisation; interview requests their interview, topic and deadline; meeting promotions the meeting, its kind, title and start; matched invitations nothing. */
export class InboxItemDetail {
  @ApiPropertyOptional({ example: 'org-haier-demo' }) organisationId?: string;
  @ApiPropertyOptional({ description: "The consulting service's interview id, as its InterviewRequested event names it" }) interviewId?: string;
  @ApiPropertyOptional({ example: 'compressor noise' }) topic?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When an unanswered interview request lapses' }) expiresAt?: string;
  @ApiPropertyOptional({ description: 'The meeting whose seat a wait-listed expert was promoted to' }) meetingId?: string;
  @ApiPropertyOptional({ enum: MEETING_KINDS, description: "The promoted meeting's kind" }) meetingKind?: MeetingKind;
  @ApiPropertyOptional({ example: 'Cold-chain sensing exchange' }) title?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the promoted meeting starts' }) startsAt?: string;
}

export class InboxItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INBOX_KINDS, example: 'matched-invitation' }) kind!: InboxKind;
  @ApiPropertyOptional({ example: 'dem-7' }) demandId?: string;
  @ApiPropertyOptional({ example: 'sp-1' }) subProblemId?: string;
  @ApiProperty({ type: InboxItemDetail }) detail!: InboxItemDetail;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Absent while unread' }) readAt?: string;
}

export class InboxPageView {
  @ApiProperty({ type: [InboxItemView], description: 'Newest first' }) items!: InboxItemView[];
  @ApiProperty({ description: 'Unread items in the whole inbox, not just this page', example: 3 }) unread!: number;
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page', example: '-abaEZ1Ps_pbImluYm94L3YxIiwxMDQyXQ' }) nextCursor?: string;
}
