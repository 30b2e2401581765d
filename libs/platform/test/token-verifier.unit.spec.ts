import type { AuthConfig } from '../src/config/platform-config';
import { DevIssuer } from '../src/auth/dev-issuer';
import { TokenVerifier } from '../src/auth/token-verifier';

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const auth: AuthConfig = { issuer: 'hope', audience: 'hope', keys: { kind: 'hs256', secret } };

describe('TokenVerifier: a verified token is remembered by its text until it expires', () => {
  let issuer: DevIssuer;
  let clock: number;
  beforeAll(async () => {
    issuer = await DevIssuer.create({ issuer: 'hope', audience: 'hope', secret });
  });
  beforeEach(() => {
    clock = Date.now();
  });

  it('given a token verified once, when its expiry passes, then it is refused (the cache never outlives exp)', async () => {
    const verifier = new TokenVerifier(auth, undefined, { now: () => clock });
    const token = await issuer.issue({ sub: 'alice', role: 'expert' }, 60);
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'alice', role: 'expert' });
    clock += 30_000;
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'alice', role: 'expert' });
    clock += 31_000;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: 'The token has expired' });
  });

  it('given a verified token, when one character of it changes, then that other text is verified on its own and refused', async () => {
    const verifier = new TokenVerifier(auth, undefined, { now: () => clock });
    const token = await issuer.issue({ sub: 'alice', role: 'expert' });
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'operator' })).toString('base64url')}.${signature}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    await expect(verifier.verify(token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'))).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('remembers at most `cachedTokens` tokens (least recently used go first) and verifies an evicted one again', async () => {
    const verifier = new TokenVerifier(auth, undefined, { now: () => clock, cachedTokens: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((sub) => issuer.issue({ sub, role: 'expert' })));
    for (const t of tokens) await verifier.verify(t);
    expect((verifier as unknown as { verified: Map<string, unknown> }).verified.size).toBe(2);
    await expect(verifier.verify(tokens[0]!)).resolves.toEqual({ subject: 'a', role: 'expert' });
  });

  it('a refused token is not remembered: a bad one stays refused', async () => {
    const verifier = new TokenVerifier(auth, undefined, { now: () => clock });
    const tooLong = await issuer.issue({ sub: 'alice', role: 'expert' }, 3 * 86_400);
    await expect(verifier.verify(tooLong)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    await expect(verifier.verify(tooLong)).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });
});
