import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { InvertedIndexState } from './inverted-index';

/**
 * An index snapshot on disk: "HOPEIDX1", a uint32 header length, a JSON header (kind, format version,
 * stamp, sections, CRC-32 of the body), then the sections: typed arrays as raw little-endian bytes and
 * JSON values, each padded to 8 bytes. Written to a temporary file, fsynced, then renamed over the old
 * one, so a crash leaves the old snapshot or the new one, never half of one. Read back, anything that
 * does not check out (magic, kind, format, length, CRC) is no snapshot at all: the caller rebuilds.
 */
const MAGIC = Buffer.from('HOPEIDX1');
type ArrayType = 'i32' | 'f32' | 'f64' | 'u8' | 'u16';
type Typed = Int32Array | Float32Array | Float64Array | Uint8Array | Uint16Array;
const CONSTRUCTORS: Record<ArrayType, { new (buffer: ArrayBuffer, byteOffset: number, length: number): Typed; readonly BYTES_PER_ELEMENT: number }> = { i32: Int32Array, f32: Float32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array };
const typeOf = (a: Typed): ArrayType => (a instanceof Int32Array ? 'i32' : a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : a instanceof Uint16Array ? 'u16' : 'u8');

export type SnapshotValue = Typed | { json: unknown };
export interface SnapshotHeader {
  readonly kind: string;
  readonly format: number;
  readonly stamp: Readonly<Record<string, unknown>>;
}
interface Section {
  readonly name: string;
  readonly type: ArrayType | 'json';
  readonly bytes: number;
}

const pad = (n: number) => (8 - (n % 8)) % 8;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function writeSnapshot(file: string, header: SnapshotHeader, sections: readonly (readonly [string, SnapshotValue])[]): Promise<void> {
  const bodies: Buffer[] = [];
  const described: Section[] = [];
  let crc = 0;
  for (const [name, value] of sections) {
    // JSON sections are stringified one by one, yielding between them: a large snapshot never holds the loop for long.
    const body = 'json' in value ? Buffer.from(JSON.stringify(value.json)) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    described.push({ name, type: 'json' in value ? 'json' : typeOf(value), bytes: body.length });
    const padding = Buffer.alloc(pad(body.length));
    crc = crc32(padding, crc32(body, crc));
    bodies.push(body, padding);
    await yieldToLoop();
  }
  const head = Buffer.from(JSON.stringify({ ...header, sections: described, crc }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writev([MAGIC, length, head, ...bodies]);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw error;
  });
}

/**
 * The snapshot's stamp and sections, or undefined when the file is missing, foreign, of another format or
 * corrupt. Read section by section into buffers of their own, the CRC computed on the way: the file is
 * never held whole beside what it decodes to, and the loop turns between sections.
 */
export async function readSnapshot(file: string, expect: { kind: string; format: number }): Promise<{ stamp: Record<string, unknown>; sections: Map<string, SnapshotValue> } | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = (await handle.stat()).size;
    const read = async (into: Uint8Array, position: number): Promise<boolean> => {
      for (let done = 0; done < into.length; ) {
        const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
        if (bytesRead === 0) return false;
        done += bytesRead;
      }
      return true;
    };
    const start = Buffer.alloc(12);
    if (size < 12 || !(await read(start, 0)) || !start.subarray(0, 8).equals(MAGIC)) return undefined;
    const headLength = start.readUInt32LE(8);
    const head = Buffer.alloc(headLength);
    if (12 + headLength > size || !(await read(head, 12))) return undefined;
    const header = JSON.parse(head.toString('utf8')) as SnapshotHeader & { sections: Section[]; crc: number };
    if (header.kind !== expect.kind || header.format !== expect.format || !Array.isArray(header.sections)) return undefined;
    if (size - 12 - headLength !== header.sections.reduce((n, s) => n + s.bytes + pad(s.bytes), 0)) return undefined;
    const sections = new Map<string, SnapshotValue>();
    let at = 12 + headLength;
    let crc = 0;
    for (const s of header.sections) {
      // Each section in an ArrayBuffer of its own (aligned for its typed array), its padding read beside it for the CRC.
      const bytes = new Uint8Array(new ArrayBuffer(s.bytes + pad(s.bytes)));
      if (!(await read(bytes, at))) return undefined;
      at += bytes.length;
      crc = crc32(bytes, crc);
      const body = bytes.subarray(0, s.bytes);
      if (s.type === 'json') sections.set(s.name, lazyJson(Buffer.from(body.buffer, 0, s.bytes)));
      else sections.set(s.name, new CONSTRUCTORS[s.type](bytes.buffer as ArrayBuffer, 0, s.bytes / CONSTRUCTORS[s.type].BYTES_PER_ELEMENT));
      await yieldToLoop();
    }
    return crc === header.crc ? { stamp: header.stamp as Record<string, unknown>, sections } : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * A JSON section parsed when first read (a malformed one throws there): a reader taking sections one by one
 * never holds them all parsed at once. The bytes are let go once parsed.
 */
function lazyJson(bytes: Buffer | undefined): { readonly json: unknown } {
  let parsed: unknown;
  return {
    get json(): unknown {
      if (bytes) {
        parsed = JSON.parse(bytes.toString('utf8'));
        bytes = undefined;
      }
      return parsed;
    },
  };
}

/** The core's arrays as snapshot sections (prefixed), and back. */
export function coreSections(prefix: string, s: InvertedIndexState): [string, SnapshotValue][] {
  return [
    [`${prefix}.meta`, { json: { fieldCount: s.fieldCount, end: s.pool.end, pages: s.pool.pages.length } }],
    [`${prefix}.termChars`, s.dictionary.chars],
    [`${prefix}.termStarts`, s.dictionary.starts],
    [`${prefix}.ids`, { json: s.ids }],
    ...s.pool.pages.map((p, i): [string, SnapshotValue] => [`${prefix}.page.${i}`, p]),
    [`${prefix}.head`, s.pool.head],
    [`${prefix}.tail`, s.pool.tail],
    [`${prefix}.count`, s.pool.count],
    [`${prefix}.df`, s.df],
    [`${prefix}.lengths`, s.lengths],
    [`${prefix}.fwdStart`, s.fwdStart],
    [`${prefix}.fwdTerms`, s.fwdTerms],
    [`${prefix}.fwdValues`, s.fwdValues],
    [`${prefix}.totals`, s.totals],
  ];
}

export function coreFromSections(prefix: string, sections: ReadonlyMap<string, SnapshotValue>): InvertedIndexState {
  const json = <T>(name: string): T => (sections.get(`${prefix}.${name}`) as { json: T }).json;
  const array = <T extends Typed>(name: string): T => {
    const value = sections.get(`${prefix}.${name}`);
    if (!value || 'json' in value) throw new Error(`snapshot section ${prefix}.${name} missing`);
    return value as T;
  };
  const meta = json<{ fieldCount: number; end: number; pages: number }>('meta');
  return {
    fieldCount: meta.fieldCount,
    dictionary: { chars: array<Uint16Array>('termChars'), starts: array<Int32Array>('termStarts') },
    ids: json<(string | null)[]>('ids'),
    pool: { pages: Array.from({ length: meta.pages }, (_, i) => array<Int32Array>(`page.${i}`)), end: meta.end, head: array('head'), tail: array('tail'), count: array('count') },
    df: array('df'),
    lengths: array('lengths'),
    fwdStart: array('fwdStart'),
    fwdTerms: array('fwdTerms'),
    fwdValues: array('fwdValues'),
    totals: array('totals'),
  };
}
