import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the research-groups operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class GroupSeenView {
  @ApiProperty() groupId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ type: 'string', nullable: true }) demandId!: string | null;
  @ApiPropertyOptional() organisationId?: string;
  @ApiProperty() leadExpertId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() status!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        status: { type: 'string' },
        joinedAt: { type: 'string' },
        leftAt: { type: 'string', nullable: true },
      },
      required: ['expertId', 'status', 'joinedAt', 'leftAt'],
    },
  }) members!: ({ expertId: string; status: string; joinedAt: string; leftAt: string | null })[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        milestoneId: { type: 'string' },
        title: { type: 'string' },
        dueAt: { type: 'string' },
        reachedAt: { type: 'string', nullable: true },
        note: { type: 'string', nullable: true },
      },
      required: ['milestoneId', 'title', 'dueAt', 'reachedAt', 'note'],
    },
  }) milestones!: ({ milestoneId: string; title: string; dueAt: string; reachedAt: string | null; note: string | null })[];
  @ApiProperty({
    type: 'object',
    properties: {
      summary: { type: 'string' },
      findings: { type: 'array', items: { type: 'string' } },
      missedMilestones: { type: 'array', items: { type: 'string' } },
      closedAt: { type: 'string', nullable: true },
    },
    required: ['missedMilestones', 'closedAt'],
    nullable: true,
  }) closingReport!: { summary?: string; findings?: string[]; missedMilestones: string[]; closedAt: string | null } | null;
}

export class ResearchGroupsListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        groupId: { type: 'string' },
        title: { type: 'string' },
        topic: { type: 'string' },
        demandId: { type: 'string', nullable: true },
        organisationId: { type: 'string' },
        leadExpertId: { type: 'string' },
        startsAt: { type: 'string' },
        endsAt: { type: 'string' },
        status: { type: 'string' },
        members: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              expertId: { type: 'string' },
              status: { type: 'string' },
              joinedAt: { type: 'string' },
              leftAt: { type: 'string', nullable: true },
            },
            required: ['expertId', 'status', 'joinedAt', 'leftAt'],
          },
        },
        milestones: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              milestoneId: { type: 'string' },
              title: { type: 'string' },
              dueAt: { type: 'string' },
              reachedAt: { type: 'string', nullable: true },
              note: { type: 'string', nullable: true },
            },
            required: ['milestoneId', 'title', 'dueAt', 'reachedAt', 'note'],
          },
        },
        closingReport: {
          type: 'object',
          properties: {
            summary: { type: 'string' },
            findings: { type: 'array', items: { type: 'string' } },
            missedMilestones: { type: 'array', items: { type: 'string' } },
            closedAt: { type: 'string', nullable: true },
          },
          required: ['missedMilestones', 'closedAt'],
          nullable: true,
        },
      },
      required: [
        'groupId',
        'title',
        'topic',
        'demandId',
        'leadExpertId',
        'startsAt',
        'endsAt',
        'status',
        'members',
        'milestones',
        'closingReport',
      ],
    },
  }) items!: ({ groupId: string; title: string; topic: string; demandId: string | null; organisationId?: string; leadExpertId: string; startsAt: string; endsAt: string; status: string; members: ({ expertId: string; status: string; joinedAt: string; leftAt: string | null })[]; milestones: ({ milestoneId: string; title: string; dueAt: string; reachedAt: string | null; note: string | null })[]; closingReport: { summary?: string; findings?: string[]; missedMilestones: string[]; closedAt: string | null } | null })[];
}

export class ResearchGroupsPlanResponse {
  @ApiProperty() groupId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ type: 'string', nullable: true }) demandId!: string | null;
  @ApiPropertyOptional() organisationId?: string;
  @ApiProperty() leadExpertId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() status!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        status: { type: 'string' },
        joinedAt: { type: 'string' },
        leftAt: { type: 'string', nullable: true },
      },
      required: ['expertId', 'status', 'joinedAt', 'leftAt'],
    },
  }) members!: ({ expertId: string; status: string; joinedAt: string; leftAt: string | null })[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        milestoneId: { type: 'string' },
        title: { type: 'string' },
        dueAt: { type: 'string' },
        reachedAt: { type: 'string', nullable: true },
        note: { type: 'string', nullable: true },
      },
      required: ['milestoneId', 'title', 'dueAt', 'reachedAt', 'note'],
    },
  }) milestones!: ({ milestoneId: string; title: string; dueAt: string; reachedAt: string | null; note: string | null })[];
  @ApiProperty({
    type: 'object',
    properties: {
      summary: { type: 'string' },
      findings: { type: 'array', items: { type: 'string' } },
      missedMilestones: { type: 'array', items: { type: 'string' } },
      closedAt: { type: 'string', nullable: true },
    },
    required: ['missedMilestones', 'closedAt'],
    nullable: true,
  }) closingReport!: { summary?: string; findings?: string[]; missedMilestones: string[]; closedAt: string | null } | null;
  @ApiProperty() milestoneId!: string;
}
