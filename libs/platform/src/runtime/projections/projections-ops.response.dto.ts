import { ApiProperty } from '@nestjs/swagger';

export class ProjectionStatusView {
  @ApiProperty({ example: 'balance' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The store position applied last (null before the first event).', example: '42' }) position!: string | null;
  @ApiProperty({ description: 'Checksum of the read model, to compare replicas and rebuilds.' }) checksum!: string;
}

export class ProjectionRebuildReport {
  @ApiProperty({ example: 'balance' }) projection!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The store position both were compared at.' }) position!: string | null;
  @ApiProperty() liveChecksum!: string;
  @ApiProperty() rebuiltChecksum!: string;
  @ApiProperty({ description: 'The live read model differed from a from-scratch replay at the same position (now corrected).' }) drifted!: boolean;
  @ApiProperty({ description: 'False if writes kept the two from meeting at one position (the swap still happened).' }) verifiedAtSamePosition!: boolean;
}
