import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ForbiddenError, type Principal } from '@hope/platform';

/** Expert ids as the matching service issues them: no path or stream separators, bounded length. */
export const EXPERT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class ExpertIdParam {
  @ApiProperty({ pattern: EXPERT_ID_PATTERN.source })
  @Matches(EXPERT_ID_PATTERN, { message: 'must be an expert id (letters, digits, _ . : -, at most 64)' })
  expertId!: string;
}

/** Tenancy, server-side: an expert reads and spends only their own account; staff and services any. */
export function assertOwnAccount(who: Principal, expertId: string): void {
  if (who.role === 'expert' && who.subject !== expertId) throw new ForbiddenError('POINTS.NOT_YOUR_ACCOUNT', 'An expert may only use their own account');
}
