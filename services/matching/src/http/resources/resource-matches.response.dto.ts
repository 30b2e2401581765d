import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ResourceView } from './resources.response.dto';

// What `GET /demands/{demandId}/resource-matches` answers (see resources.response.dto.ts).

/** What a match shows of the resource now (no description: read the resource for it). */
export class ResourceSummary extends PickType(ResourceView, ['resourceId', 'kind', 'title', 'ownerOrganisationId', 'trl', 'ipStatus', 'region', 'status'] as const) {}

export class ResourceMatchFields {
  @ApiProperty({ type: [String], example: ['damper'] }) title!: string[];
  @ApiProperty({ type: [String], example: ['vibration damping'] }) capabilities!: string[];
  @ApiProperty({ type: [String], example: [] }) description!: string[];
}

export class ResourceMatchExplanation {
  @ApiProperty({ type: [String], description: 'Query terms the resource contains, as a reader sees them', example: ['damper', 'vibration damping'] }) matchedTerms!: string[];
  @ApiProperty({ type: ResourceMatchFields, description: 'The same terms, per field they were found in' }) fields!: ResourceMatchFields;
}

export class ResourceMatchView {
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({ minimum: 1, example: 1 }) rank!: number;
  @ApiProperty({ example: 7.42 }) score!: number;
  @ApiProperty({ type: ResourceMatchExplanation }) explanation!: ResourceMatchExplanation;
  @ApiPropertyOptional({ type: ResourceSummary, description: 'Absent when the resource is no longer in the read model' }) resource?: ResourceSummary;
}

export class DemandResourceMatches {
  @ApiProperty({ example: 'dem-7' }) demandId!: string;
  @ApiPropertyOptional({ example: 'sp-1' }) subProblemId?: string;
  @ApiProperty({ format: 'date-time' }) matchedAt!: string;
  @ApiProperty({ type: [ResourceMatchView], description: 'Best first' }) matches!: ResourceMatchView[];
  @ApiProperty({ type: [ResourceSummary], description: 'Resources attached to the demand by hand' }) attached!: ResourceSummary[];
}
