/**
 * The rows of an import file, read as it streams in: one line at a time, never the whole body.
 * JSONL: one JSON object a line. CSV: a header line naming the columns, then one record a line
 * (RFC 4180 quoting within a line; a quoted field may not span lines, which the report says). We
 * hand-write this small reader because no CSV parser is installed in the workspace (decision 0023).
 */
export type ParsedRow = { line: number; raw: Record<string, unknown> } | { line: number; error: string };

/** A line longer than this is refused as a row (the reader keeps at most this much of it). */
export const MAX_LINE_CHARS = 64 * 1024;

/** Lines of a byte stream (UTF-8, LF or CRLF), numbered from 1; blank lines are skipped but counted. */
export async function* linesOf(body: AsyncIterable<Buffer | string>): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let tooLong = false;
  let line = 0;
  const emit = function* (text: string) {
    line++;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (tooLong || t.trim() !== '') yield { line, text: t, tooLong };
    tooLong = false;
  };
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield* emit(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    if (pending.length > MAX_LINE_CHARS) {
      tooLong = true;
      pending = '';
    }
  }
  pending += decoder.decode();
  if (pending !== '' || tooLong) yield* emit(pending);
}

export async function* jsonlRows(body: AsyncIterable<Buffer | string>): AsyncGenerator<ParsedRow> {
  for await (const { line, text, tooLong } of linesOf(body)) {
    if (tooLong) {
      yield { line, error: `longer than ${MAX_LINE_CHARS} characters` };
      continue;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { line, error: 'is not a JSON object' };
      else yield { line, raw: value as Record<string, unknown> };
    } catch {
      yield { line, error: 'is not valid JSON' };
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

export async function* csvRows(body: AsyncIterable<Buffer | string>): AsyncGenerator<ParsedRow> {
  let header: string[] | undefined;
  for await (const { line, text, tooLong } of linesOf(body)) {
    if (tooLong) {
      yield { line, error: `longer than ${MAX_LINE_CHARS} characters` };
      continue;
    }
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
