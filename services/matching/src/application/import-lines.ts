import { StringDecoder } from 'node:string_decoder';

/**
 * The rows of an import file (experts, resources), read as it streams in: one line at a time, never the
 * whole body. JSONL: one JSON object a line. CSV: a header line naming the columns, then one record a
 * line (RFC 4180 quoting within a line; a quoted field may not span lines, which the report says). We
 * hand-write this small reader because no CSV parser is installed in the workspace (decision 0023).
 */

/** One line as read: its number (1-based, blank lines counted) and its text, or why it could not be read. */
export type ImportLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly unreadable: string };

/** A row of the file: the object it holds, or why the line is not one. */
export type ParsedRow = { line: number; raw: Record<string, unknown> } | { line: number; error: string };

/** A line longer than this (UTF-8 bytes) is refused as a row by default; the reader never holds more of it. */
export const MAX_LINE_BYTES = 256 * 1024;

export interface LineOptions {
  readonly maxLineBytes?: number;
}

/** Cheap first: a UTF-16 unit is at most 3 UTF-8 bytes, so most lines are judged by their length alone. */
const longerThan = (text: string, maxBytes: number): boolean => text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes);

/**
 * Numbered lines of a byte stream (UTF-8, LF or CRLF, split anywhere, even inside a character). Blank
 * lines are counted but not yielded. A line over the limit is reported unreadable and skipped to its
 * end without being held, so a file of any size streams through in bounded memory.
 */
export async function* readLines(body: AsyncIterable<Buffer | string>, options: LineOptions = {}): AsyncGenerator<ImportLine> {
  const maxBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  /** The current line passed the limit: what remains of it is dropped. */
  let overLong = false;
  let line = 0;
  const finish = (text: string): ImportLine | undefined => {
    line++;
    if (overLong || longerThan(text, maxBytes)) return { line, unreadable: `longer than ${maxBytes} bytes` };
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    return t.trim() === '' ? undefined : { line, text: t };
  };
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const done = finish(overLong ? '' : pending + text.slice(start, nl));
      pending = '';
      overLong = false;
      start = nl + 1;
      if (done) yield done;
    }
    if (!overLong) {
      pending += text.slice(start);
      if (longerThan(pending, maxBytes)) {
        overLong = true;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.end();
  if (overLong || rest !== '') {
    const done = finish(overLong ? '' : rest);
    if (done) yield done;
  }
}

/** JSONL: each line an object, or a reason. */
export async function* jsonlRows(body: AsyncIterable<Buffer | string>, options: LineOptions = {}): AsyncGenerator<ParsedRow> {
  for await (const l of readLines(body, options)) {
    if ('unreadable' in l) {
      yield { line: l.line, error: l.unreadable };
      continue;
    }
    try {
      const value: unknown = JSON.parse(l.text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { line: l.line, error: 'is not a JSON object' };
      else yield { line: l.line, raw: value as Record<string, unknown> };
    } catch {
      yield { line: l.line, error: 'is not valid JSON' };
    }
  }
}

/** One CSV record of a line: fields split on commas outside quotes, `""` an escaped quote. Undefined when a quote is left open. */
export function csvFields(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * CSV columns -> the JSON shape of a row: `title.zh`/`title_zh` and the like nest, `capabilities` is
 * split on `;`, `trl` becomes a number when it is one (otherwise it stays text, for the validator to
 * name), empty cells are absent.
 */
export function csvRecord(header: readonly string[], values: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const value = values[i]?.trim() ?? '';
    if (value === '') return;
    const [head, sub] = name.trim().split(/[._]/, 2) as [string, string | undefined];
    if ((head === 'title' || head === 'description') && (sub === 'zh' || sub === 'en')) {
      raw[head] = { ...((raw[head] as object | undefined) ?? {}), [sub]: value };
    } else if (name === 'capabilities') {
      raw[name] = value
        .split(';')
        .map((c) => c.trim())
        .filter((c) => c !== '');
    } else if (name === 'trl') {
      raw[name] = /^\d+$/.test(value) ? Number(value) : value;
    } else raw[name.trim()] = value;
  });
  return raw;
}

export async function* csvRows(body: AsyncIterable<Buffer | string>, options: LineOptions = {}): AsyncGenerator<ParsedRow> {
  let header: string[] | undefined;
  for await (const l of readLines(body, options)) {
    if ('unreadable' in l) {
      yield { line: l.line, error: l.unreadable };
      continue;
    }
    const { line, text } = l;
    const values = csvFields(text);
    if (values === undefined) {
      yield { line, error: 'has an unclosed quote (a quoted field may not span lines)' };
      continue;
    }
    if (header === undefined) {
      header = values.map((h) => h.trim().replace(/^\uFEFF/, ''));
      continue;
    }
    if (values.length > header.length) yield { line, error: `has ${values.length} fields, the header names ${header.length}` };
    else yield { line, raw: csvRecord(header, values) };
  }
}
