import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IP_STATUSES, RESOURCE_KINDS, TRL_MAX, TRL_MIN, type IpStatus, type ResourceKind } from '../../domain/resources/resource';

// What the resources operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). The controllers declare these as their return types, so the compiler keeps
// them and the handlers' answers in step; see docs/decisions/0026-typed-openapi-and-client.md.

export const RESOURCE_STATUSES = ['active', 'withdrawn'] as const;

export class LocalizedTextView {
  @ApiPropertyOptional({ example: '低噪音压缩机' }) zh?: string;
  @ApiPropertyOptional({ example: 'Low-noise compressor' }) en?: string;
}

export class ResourceView {
  @ApiProperty({ format: 'uuid', example: '3f8e2a1c-5b7d-5e9f-8a2b-1c4d6e8f0a2b' }) resourceId!: string;
  @ApiProperty({ example: 'org-haier-demo' }) ownerOrganisationId!: string;
  @ApiProperty({ enum: RESOURCE_KINDS, example: 'technology' }) kind!: ResourceKind;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView, description: 'Empty when none was given' }) description!: LocalizedTextView;
  @ApiProperty({ type: [String], example: ['vibration damping'] }) capabilities!: string[];
  @ApiProperty({ minimum: TRL_MIN, maximum: TRL_MAX, example: 6, description: 'Technology readiness level' }) trl!: number;
  @ApiProperty({ enum: IP_STATUSES, example: 'granted' }) ipStatus!: IpStatus;
  @ApiProperty({ example: 'CN-37' }) region!: string;
  @ApiProperty({ enum: RESOURCE_STATUSES, example: 'active' }) status!: (typeof RESOURCE_STATUSES)[number];
  @ApiPropertyOptional({ description: "The owner's key of an imported resource (its row id in the import files)", example: 'row-17' }) externalKey?: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ResourcePage {
  @ApiProperty({ type: [ResourceView] }) items!: ResourceView[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page', example: 'W2uQ9pIkRh5bInJlc291cmNlcy92MSIsIjNmOGUyYTFjLTViN2QtNWU5Zi04YTJiLTFjNGQ2ZThmMGEyYiJd' }) nextCursor?: string;
}

export class EnquiryRecorded {
  @ApiProperty({ format: 'uuid' }) enquiryId!: string;
  @ApiProperty({ format: 'uuid', example: '3f8e2a1c-5b7d-5e9f-8a2b-1c4d6e8f0a2b' }) resourceId!: string;
}

export class EnquirySender {
  @ApiProperty({ example: 'dev-enterprise' }) subject!: string;
  @ApiProperty({ example: 'enterprise' }) role!: string;
  @ApiPropertyOptional({ example: 'org-qingdao-sme-demo' }) organisationId?: string;
}

export class EnquiryView {
  @ApiProperty({ format: 'uuid' }) enquiryId!: string;
  @ApiProperty({ format: 'uuid', example: '3f8e2a1c-5b7d-5e9f-8a2b-1c4d6e8f0a2b' }) resourceId!: string;
  @ApiProperty({ type: EnquirySender }) from!: EnquirySender;
  @ApiProperty({ example: 'Could this damper fit a 120 mm compressor mount?' }) message!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
}

export class EnquiryList {
  @ApiProperty({ type: [EnquiryView] }) items!: EnquiryView[];
}
