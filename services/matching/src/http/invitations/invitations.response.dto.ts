import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the invitations operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class InvitationsSendResponse {
  @ApiProperty() invitationId!: string;
  @ApiProperty() code!: string;
}

export class InvitationsAcceptResponse {
  @ApiPropertyOptional() acceptedAt?: string;
  @ApiProperty() sentAt!: string;
  @ApiPropertyOptional() fraud?: string;
  @ApiPropertyOptional() inviteeId?: string;
  @ApiProperty() invitationId!: string;
  @ApiProperty() inviterId!: string;
  @ApiProperty() status!: string;
}
