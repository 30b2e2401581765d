import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/**
 * Account ids: an expert's id as the matching service issues it, or `org:<organisationId>` for an
 * organisation's account. No path or stream separators, bounded length. Who may use which account is
 * decided in application/account-access.ts.
 */
export const EXPERT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class ExpertIdParam {
  @ApiProperty({ pattern: EXPERT_ID_PATTERN.source, description: 'An expert id, or `org:<organisationId>` for an organisation account.' })
  @Matches(EXPERT_ID_PATTERN, { message: 'must be an expert id or org:<organisationId> (letters, digits, _ . : -, at most 64)' })
  expertId!: string;
}
