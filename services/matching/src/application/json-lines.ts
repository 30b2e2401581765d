import { StringDecoder } from 'node:string_decoder';
import type { ImportLine } from './import-experts.use-case';

/**
 * Splits a byte stream into numbered lines as it arrives (nothing is buffered beyond one line), so a
 * file of any size streams through. A line longer than `maxLineBytes` is reported unreadable and
 * skipped up to its end, never held; a trailing `\r` (CRLF files) is dropped.
 */
export async function* jsonLines(source: AsyncIterable<Buffer | string>, maxLineBytes = 256 * 1024): AsyncGenerator<ImportLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  const finish = (text: string, overLong: boolean): ImportLine => {
    line++;
    if (overLong) return { line, unreadable: `longer than ${maxLineBytes} bytes` };
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const full = tooLong ? '' : pending + text.slice(0, nl);
      yield finish(full, tooLong || Buffer.byteLength(full) > maxLineBytes);
      pending = '';
      pendingBytes = 0;
      tooLong = false;
      text = text.slice(nl + 1);
    }
    if (!tooLong) {
      pending += text;
      pendingBytes += Buffer.byteLength(text);
      if (pendingBytes > maxLineBytes) {
        tooLong = true;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.end();
  if (tooLong || rest.trim() !== '') yield finish(rest, tooLong || Buffer.byteLength(rest) > maxLineBytes);
}
