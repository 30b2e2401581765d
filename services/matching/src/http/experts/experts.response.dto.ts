import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the experts operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class ExpertViewDto {
  @ApiProperty() expertId!: string;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ type: 'string', enum: ['interest', 'core', 'certified'] }) tier!: 'interest' | 'core' | 'certified';
  @ApiProperty({
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['certified', 'none', 'applied', 'in-review', 'refused'] },
      refusedReason: { type: 'string' },
    },
    required: ['status'],
  }) certification!: { status: 'certified' | 'none' | 'applied' | 'in-review' | 'refused'; refusedReason?: string };
  @ApiProperty({
    type: 'object',
    properties: {
      name: { type: 'string' },
      email: { type: 'string' },
      bio: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      expertise: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      domains: { type: 'array', items: { type: 'string' } },
      skills: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, lastPractised: { type: 'number' } },
          required: ['name', 'lastPractised'],
        },
      },
      certifications: { type: 'array', items: { type: 'string' } },
      publications: { type: 'array', items: { type: 'string' } },
      employers: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            employer: { type: 'string' },
            organisationId: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
          required: ['employer', 'from'],
        },
      },
      region: { type: 'string' },
      timeZone: { type: 'string' },
      languages: { type: 'array', items: { type: 'string' } },
      availability: { type: 'string', enum: ['available', 'limited', 'unavailable'] },
      rate: {
        type: 'object',
        properties: {
          amount: { type: 'number' },
          currency: { type: 'string' },
          per: { type: 'string', enum: ['hour', 'day'] },
        },
        required: ['amount', 'currency', 'per'],
      },
    },
    required: ['name'],
  }) profile!: { name: string; email?: string; bio?: { en?: string; zh?: string }; expertise?: { en?: string; zh?: string }; domains?: string[]; skills?: ({ name: string; lastPractised: number })[]; certifications?: string[]; publications?: string[]; employers?: ({ employer: string; organisationId?: string; from: string; to?: string })[]; region?: string; timeZone?: string; languages?: string[]; availability?: 'available' | 'limited' | 'unavailable'; rate?: { amount: number; currency: string; per: 'hour' | 'day' } };
  @ApiPropertyOptional() inviterId?: string;
  @ApiPropertyOptional({
    type: 'object',
    properties: { version: { type: 'string' }, acceptedAt: { type: 'string' } },
    required: ['version', 'acceptedAt'],
  }) terms?: { version: string; acceptedAt: string };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        restrictionId: { type: 'string' },
        organisationIds: { type: 'array', items: { type: 'string' } },
        until: { type: 'string' },
        note: { type: 'string' },
      },
      required: ['restrictionId', 'organisationIds'],
    },
  }) restrictions!: ({ restrictionId: string; organisationIds: string[]; until?: string; note?: string })[];
  @ApiProperty() joinedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ExpertsSearchResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        erased: { type: 'boolean' },
        tier: { type: 'string', enum: ['interest', 'core', 'certified'] },
        certification: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['certified', 'none', 'applied', 'in-review', 'refused'] },
            refusedReason: { type: 'string' },
          },
          required: ['status'],
        },
        profile: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            email: { type: 'string' },
            bio: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
            expertise: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
            domains: { type: 'array', items: { type: 'string' } },
            skills: {
              type: 'array',
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, lastPractised: { type: 'number' } },
                required: ['name', 'lastPractised'],
              },
            },
            certifications: { type: 'array', items: { type: 'string' } },
            publications: { type: 'array', items: { type: 'string' } },
            employers: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  employer: { type: 'string' },
                  organisationId: { type: 'string' },
                  from: { type: 'string' },
                  to: { type: 'string' },
                },
                required: ['employer', 'from'],
              },
            },
            region: { type: 'string' },
            timeZone: { type: 'string' },
            languages: { type: 'array', items: { type: 'string' } },
            availability: { type: 'string', enum: ['available', 'limited', 'unavailable'] },
            rate: {
              type: 'object',
              properties: {
                amount: { type: 'number' },
                currency: { type: 'string' },
                per: { type: 'string', enum: ['hour', 'day'] },
              },
              required: ['amount', 'currency', 'per'],
            },
          },
        },
        inviterId: { type: 'string' },
        terms: {
          type: 'object',
          properties: { version: { type: 'string' }, acceptedAt: { type: 'string' } },
          required: ['version', 'acceptedAt'],
        },
        restrictions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              restrictionId: { type: 'string' },
              organisationIds: { type: 'array', items: { type: 'string' } },
              until: { type: 'string' },
              note: { type: 'string' },
            },
            required: ['restrictionId', 'organisationIds'],
          },
        },
        joinedAt: { type: 'string' },
        updatedAt: { type: 'string' },
      },
      required: ['expertId', 'erased', 'tier', 'certification', 'profile', 'joinedAt', 'updatedAt'],
    },
  }) items!: ({ expertId: string; erased: boolean; tier: 'interest' | 'core' | 'certified'; certification: { status: 'certified' | 'none' | 'applied' | 'in-review' | 'refused'; refusedReason?: string }; profile: { name?: string; email?: string; bio?: { en?: string; zh?: string }; expertise?: { en?: string; zh?: string }; domains?: string[]; skills?: ({ name: string; lastPractised: number })[]; certifications?: string[]; publications?: string[]; employers?: ({ employer: string; organisationId?: string; from: string; to?: string })[]; region?: string; timeZone?: string; languages?: string[]; availability?: 'available' | 'limited' | 'unavailable'; rate?: { amount: number; currency: string; per: 'hour' | 'day' } }; inviterId?: string; terms?: { version: string; acceptedAt: string }; restrictions?: ({ restrictionId: string; organisationIds: string[]; until?: string; note?: string })[]; joinedAt: string; updatedAt: string })[];
  @ApiPropertyOptional() nextCursor?: string;
}

export class ExpertsGetResponse {
  @ApiProperty() expertId!: string;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ type: 'string', enum: ['interest', 'core', 'certified'] }) tier!: 'interest' | 'core' | 'certified';
  @ApiProperty({
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['certified', 'none', 'applied', 'in-review', 'refused'] },
      refusedReason: { type: 'string' },
    },
    required: ['status'],
  }) certification!: { status: 'certified' | 'none' | 'applied' | 'in-review' | 'refused'; refusedReason?: string };
  @ApiProperty({
    type: 'object',
    properties: {
      name: { type: 'string' },
      email: { type: 'string' },
      bio: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      expertise: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      domains: { type: 'array', items: { type: 'string' } },
      skills: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, lastPractised: { type: 'number' } },
          required: ['name', 'lastPractised'],
        },
      },
      certifications: { type: 'array', items: { type: 'string' } },
      publications: { type: 'array', items: { type: 'string' } },
      employers: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            employer: { type: 'string' },
            organisationId: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
          required: ['employer', 'from'],
        },
      },
      region: { type: 'string' },
      timeZone: { type: 'string' },
      languages: { type: 'array', items: { type: 'string' } },
      availability: { type: 'string', enum: ['available', 'limited', 'unavailable'] },
      rate: {
        type: 'object',
        properties: {
          amount: { type: 'number' },
          currency: { type: 'string' },
          per: { type: 'string', enum: ['hour', 'day'] },
        },
        required: ['amount', 'currency', 'per'],
      },
    },
  }) profile!: { name?: string; email?: string; bio?: { en?: string; zh?: string }; expertise?: { en?: string; zh?: string }; domains?: string[]; skills?: ({ name: string; lastPractised: number })[]; certifications?: string[]; publications?: string[]; employers?: ({ employer: string; organisationId?: string; from: string; to?: string })[]; region?: string; timeZone?: string; languages?: string[]; availability?: 'available' | 'limited' | 'unavailable'; rate?: { amount: number; currency: string; per: 'hour' | 'day' } };
  @ApiPropertyOptional() inviterId?: string;
  @ApiPropertyOptional({
    type: 'object',
    properties: { version: { type: 'string' }, acceptedAt: { type: 'string' } },
    required: ['version', 'acceptedAt'],
  }) terms?: { version: string; acceptedAt: string };
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        restrictionId: { type: 'string' },
        organisationIds: { type: 'array', items: { type: 'string' } },
        until: { type: 'string' },
        note: { type: 'string' },
      },
      required: ['restrictionId', 'organisationIds'],
    },
  }) restrictions?: ({ restrictionId: string; organisationIds: string[]; until?: string; note?: string })[];
  @ApiProperty() joinedAt!: string;
  @ApiProperty() updatedAt!: string;
}
