import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ServiceName } from '../index';

/** The parts of an OpenAPI 3.0 document the check reads. */
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: { code?: unknown } }> }> }> } | undefined>>;
  components?: { schemas?: Record<string, unknown> };
}

/** What one answer of one operation is checked against. */
export interface Answer {
  readonly method: string;
  /** The path template, as the document names it: `/interviews/{interviewId}`. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const DOCUMENTS = join(__dirname, '..', '..', 'openapi');

/**
 * A service's published contract (libs/client/openapi/<service>.openapi.json) as a judge of real
 * answers: the status must be one the operation documents, and the body must match the schema
 * documented for it (every JSON line of an NDJSON answer). Strict: an object may not carry a property
 * its schema does not list, so a field the code adds and the document forgets is drift too.
 */
export class ResponseContract {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    this.ajv.addSchema({ $id: 'doc', components: { schemas: jsonSchemaOf(document.components?.schemas ?? {}) } });
  }

  static of(service: ServiceName): ResponseContract {
    return new ResponseContract(JSON.parse(readFileSync(join(DOCUMENTS, `${service}.openapi.json`), 'utf8')) as Document);
  }

  /**
   * The documented path template a concrete request path falls under (`/interviews/abc/acceptance` ->
   * `/interviews/{interviewId}/acceptance`), the most literal one when several do; undefined when none.
   */
  templateOf(method: string, requestPath: string): string | undefined {
    const path = requestPath.split('?')[0]!;
    const segments = path.split('/');
    let best: { template: string; literals: number } | undefined;
    for (const [template, item] of Object.entries(this.document.paths)) {
      if (item[method.toLowerCase()] === undefined) continue;
      const parts = template.split('/');
      if (parts.length !== segments.length) continue;
      let literals = 0;
      const fits = parts.every((part, i) => {
        if (/^\{[^}]+\}$/.test(part)) return segments[i] !== '';
        literals++;
        return part === segments[i];
      });
      if (fits && (best === undefined || literals > best.literals)) best = { template, literals };
    }
    return best?.template;
  }

  /** What is wrong with the answer, as sentences; empty when it is what the document says. */
  violations(answer: Answer): string[] {
    const where = `${answer.method.toUpperCase()} ${answer.path} answered ${answer.status}`;
    const op = this.document.paths[answer.path]?.[answer.method.toLowerCase()];
    if (op === undefined) return [`${where}: the document has no such operation`];
    const response = op.responses?.[String(answer.status)];
    if (response === undefined) return [`${where}: not a documented status (documented: ${Object.keys(op.responses ?? {}).join(', ')})`];
    const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
    const content = response.content;
    if (content === undefined || Object.keys(content).length === 0) return answer.body.trim() === '' ? [] : [`${where}: documented without a body, but has one`];
    const documented = content[mediaType];
    if (documented === undefined) return [`${where}: content type ${mediaType || '(none)'} is not documented (${Object.keys(content).join(', ')})`];
    if (documented.schema === undefined) return [];
    const validate = this.validator(`${answer.method} ${answer.path} ${answer.status} ${mediaType}`, documented.schema);
    const problems = this.undocumentedCode(where, mediaType, documented.examples, answer.body);
    if (problems.length > 0) return problems;
    const values = mediaType === 'application/x-ndjson' ? answer.body.split('\n').filter((l) => l.trim() !== '') : [answer.body];
    values.forEach((text, i) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        problems.push(`${where}: ${values.length > 1 ? `line ${i + 1} ` : ''}is not JSON: ${text.slice(0, 200)}`);
        return;
      }
      if (!validate(value)) {
        const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
        problems.push(`${where}: ${values.length > 1 ? `line ${i + 1} ` : ''}does not match its schema: ${errors.join('; ')}`);
      }
    });
    return problems;
  }

  /** A problem's `code` must be one the operation documents for that status (its examples name them), so a client can branch on it. */
  private undocumentedCode(where: string, mediaType: string, examples: Record<string, { value?: { code?: unknown } }> | undefined, body: string): string[] {
    if (mediaType !== 'application/problem+json' || examples === undefined) return [];
    const codes = Object.values(examples).map((e) => e.value?.code).filter((c): c is string => typeof c === 'string');
    let code: unknown;
    try {
      code = (JSON.parse(body) as { code?: unknown }).code;
    } catch {
      return [];
    }
    return typeof code === 'string' && codes.length > 0 && !codes.includes(code) ? [`${where}: problem code ${code} is not documented for this status (documented: ${codes.join(', ')})`] : [];
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(jsonSchemaOf(schema) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0 schema -> JSON Schema for ajv: `nullable` becomes a null branch, component references
 * point into the document added as `doc`, and an object that lists its properties allows no others.
 */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out[key] = value.startsWith('#/') ? `doc${value}` : value;
    else if (key === 'properties' && typeof value === 'object' && value !== null) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSchemaOf(v)]));
    else if (key === 'example' || key === 'examples' || key === 'nullable') continue;
    else out[key] = jsonSchemaOf(value);
  }
  const combined = 'allOf' in out || 'oneOf' in out || 'anyOf' in out;
  if (out.properties !== undefined && out.additionalProperties === undefined && !combined) out.additionalProperties = false;
  const nullable = (schema as { nullable?: unknown }).nullable === true;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}
