import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 v5 layout, SHA-1): the same inputs always give the same id. Events
 * caused by one command or one source event get ids derived from it, so a retried append is
 * recognised as a duplicate instead of being written twice.
 */
export const deterministicUuid = (...parts: readonly string[]): string => {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};
