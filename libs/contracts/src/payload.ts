import { EventPayloadError } from './registry';

/** Small readers for event payloads: each names the field and the reason when it rejects. */
export class PayloadReader {
  private readonly obj: Record<string, unknown>;

  constructor(private readonly type: string, data: unknown) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new EventPayloadError(type, 'data', 'must be an object');
    }
    this.obj = data as Record<string, unknown>;
  }

  string(field: string): string {
    const v = this.obj[field];
    if (typeof v !== 'string' || v.length === 0) throw new EventPayloadError(this.type, field, 'must be a non-empty string');
    return v;
  }

  optionalString(field: string): string | undefined {
    const v = this.obj[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new EventPayloadError(this.type, field, 'must be a string');
    return v;
  }

  stringArray(field: string): string[] {
    const v = this.obj[field];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new EventPayloadError(this.type, field, 'must be an array of strings');
    }
    return v as string[];
  }

  timestamp(field: string): string {
    const v = this.string(field);
    if (Number.isNaN(Date.parse(v))) throw new EventPayloadError(this.type, field, 'must be an ISO-8601 timestamp');
    return v;
  }

  object(field: string): PayloadReader {
    const v = this.obj[field];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EventPayloadError(this.type, field, 'must be an object');
    return new PayloadReader(this.type, v);
  }

  /** An array of objects, each read with its own reader (errors name `field[i].sub`). */
  objectArray(field: string): PayloadReader[] {
    const v = this.obj[field];
    if (!Array.isArray(v)) throw new EventPayloadError(this.type, field, 'must be an array');
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new EventPayloadError(this.type, `${field}[${i}]`, 'must be an object');
      return new PayloadReader(this.type, item);
    });
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.obj[field];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      throw new EventPayloadError(this.type, field, `must be one of ${allowed.join(', ')}`);
    }
    return v as T;
  }

  integer(field: string, range: { min?: number; max?: number } = {}): number {
    const v = this.obj[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new EventPayloadError(this.type, field, 'must be an integer');
    if (range.min !== undefined && v < range.min) throw new EventPayloadError(this.type, field, `must be at least ${range.min}`);
    if (range.max !== undefined && v > range.max) throw new EventPayloadError(this.type, field, `must be at most ${range.max}`);
    return v;
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined && this.obj[field] !== null;
  }
}
