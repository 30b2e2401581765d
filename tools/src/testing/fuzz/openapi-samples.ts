/**
 * A well-formed sample of an OpenAPI (3.0, as @nestjs/swagger writes it) schema: the starting point a
 * fuzz case breaks one thing of, so the request reaches the check that thing is about.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  example?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  operationId?: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export const resolve = (doc: OpenApiDocument, schema: Schema | undefined): Schema => {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  const composed = s.allOf ?? s.oneOf ?? s.anyOf;
  return composed && composed.length > 0 ? resolve(doc, composed[0]) : s;
};

export function sampleOf(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (depth > 8) return undefined;
  switch (s.type) {
    case 'object':
    case undefined:
      if (!s.properties) return s.type === 'object' ? {} : 'x';
      return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sampleOf(doc, v, depth + 1)]).filter(([, v]) => v !== undefined));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sampleOf(doc, s.items, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum !== undefined ? Math.max(s.minimum, Math.min(s.maximum ?? s.minimum + 1, s.minimum + 1)) : 1;
    case 'boolean':
      return true;
    case 'string':
      return sampleString(s);
    default:
      return 'x';
  }
}

function sampleString(s: Schema): string {
  switch (s.format) {
    case 'uuid':
      return '3f1c5b9e-8a7d-4c2b-9e1f-2a3b4c5d6e7f';
    case 'date-time':
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case 'date':
      return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    case 'email':
      return 'someone@example.com';
    case 'uri':
      return 'https://example.com/x';
    default:
      return 'x'.repeat(Math.max(1, s.minLength ?? 3));
  }
}
