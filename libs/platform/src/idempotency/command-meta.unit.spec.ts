import type { PlatformRequest } from '../http/http-types';
import { commandMetaOf } from './command-meta';

const request = (path: string, headers: Record<string, string> = {}, subject = 'expert-1'): PlatformRequest =>
  ({ method: 'POST', originalUrl: `${path}?x=1`, headers, principal: { subject, role: 'expert' }, correlationId: 'corr-1' }) as unknown as PlatformRequest;

describe('commandMetaOf: the command id of a keyed request is its idempotency record', () => {
  const fresh = () => 'random-id';

  it('the same caller, path and key always name the same command (a retry after a crash included)', () => {
    const a = commandMetaOf(request('/needs', { 'idempotency-key': 'k1' }), fresh);
    const b = commandMetaOf(request('/needs', { 'idempotency-key': 'k1' }), fresh);
    expect(a.commandId).toBe(b.commandId);
    expect(a.commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.correlationId).toBe('corr-1');
  });

  it('another key, caller or resource path is another command', () => {
    const base = commandMetaOf(request('/demands/a/proposals', { 'idempotency-key': 'k1' }), fresh).commandId;
    expect(commandMetaOf(request('/demands/a/proposals', { 'idempotency-key': 'k2' }), fresh).commandId).not.toBe(base);
    expect(commandMetaOf(request('/demands/a/proposals', { 'idempotency-key': 'k1' }, 'expert-2'), fresh).commandId).not.toBe(base);
    expect(commandMetaOf(request('/demands/b/proposals', { 'idempotency-key': 'k1' }), fresh).commandId).not.toBe(base);
  });

  it('without a key every request is a new command with a fresh id, as before', () => {
    expect(commandMetaOf(request('/needs'), fresh).commandId).toBe('random-id');
    const [x, y] = [commandMetaOf(request('/needs')), commandMetaOf(request('/needs'))];
    expect(x.commandId).not.toBe(y.commandId);
  });
});
