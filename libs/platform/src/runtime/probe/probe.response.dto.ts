import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProbeSentResponse {
  @ApiProperty({ format: 'uuid' }) probeId!: string;
  @ApiProperty({ description: 'The service that sent it (this one).', example: 'points' }) from!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
}

export class ProbeReceiptView {
  @ApiProperty({ format: 'uuid' }) probeId!: string;
  @ApiProperty({ description: 'The service that sent it.', example: 'demand' }) from!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class ProbeSentPart {
  @ApiProperty() from!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiPropertyOptional() note?: string;
}

export class ProbeReceiptPart {
  @ApiProperty() from!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ description: 'The id of the ProbeSent event this receipt is for.' }) sourceEventId!: string;
}

export class ProbeRecordView {
  @ApiProperty({ format: 'uuid' }) probeId!: string;
  @ApiProperty({ description: 'The service answering (this one).' }) service!: string;
  @ApiPropertyOptional({ type: ProbeSentPart, description: 'Present when this service sent the probe.' }) sent?: ProbeSentPart;
  @ApiProperty({ type: [ProbeReceiptPart], description: 'Each receipt of the probe here, once.' }) receipts!: ProbeReceiptPart[];
}
