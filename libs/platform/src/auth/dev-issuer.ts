import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import type { Role } from './principal';

export interface DevTokenClaims {
  sub: string;
  role: Role;
  org?: string;
}

/**
 * Mints tokens in embedded mode so the demo runs without an identity provider. An ES256 key pair is
 * generated per process (tokens die with it), unless a fixed dev secret (HS256) makes them survive
 * restarts. Only trusted when auth runs in dev mode; never configured in production.
 */
export class DevIssuer {
  private constructor(
    readonly issuer: string,
    readonly audience: string,
    readonly algorithm: 'ES256' | 'HS256',
    private readonly signingKey: KeyLike | Uint8Array,
    readonly verificationKey: KeyLike | Uint8Array,
  ) {}

  static async create(opts: { issuer: string; audience: string; secret?: string }): Promise<DevIssuer> {
    if (opts.secret !== undefined) {
      const key = new TextEncoder().encode(opts.secret);
      return new DevIssuer(opts.issuer, opts.audience, 'HS256', key, key);
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new DevIssuer(opts.issuer, opts.audience, 'ES256', privateKey, publicKey);
  }

  /** A signed token for `claims`, valid for `ttlSeconds` (default one hour). */
  async issue(claims: DevTokenClaims, ttlSeconds = 3600): Promise<string> {
    const payload: Record<string, string> = { role: claims.role };
    if (claims.org !== undefined) payload['org'] = claims.org;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: this.algorithm, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.signingKey);
  }

  /** The public key as a JWK, e.g. to publish for other processes (ES256 only). */
  async publicJwk(): Promise<JWK | undefined> {
    return this.algorithm === 'ES256' ? exportJWK(this.verificationKey) : undefined;
  }
}
