import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { AuthConfig } from '../config/platform-config';
import { UnauthorizedError } from '../errors/domain-errors';
import type { DevIssuer } from './dev-issuer';
import { isRole, type Principal } from './principal';

/** Turns a bearer token into a Principal, or throws UnauthorizedError saying why (never leaking keys). */
export class TokenVerifier {
  private readonly key: KeyLike | Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    private readonly auth: AuthConfig,
    devIssuer?: DevIssuer,
  ) {
    switch (auth.keys.kind) {
      case 'jwks':
        // jose caches the key set and refetches on an unknown `kid`, so key rotation needs no restart.
        this.key = createRemoteJWKSet(new URL(auth.keys.jwksUrl));
        this.algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
        break;
      case 'hs256':
        this.key = new TextEncoder().encode(auth.keys.secret);
        this.algorithms = ['HS256'];
        break;
      case 'dev':
        if (devIssuer === undefined) throw new Error('Auth is in dev mode but no DevIssuer was provided');
        this.key = devIssuer.verificationKey;
        this.algorithms = [devIssuer.algorithm];
        break;
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      // A token without `exp` would be valid forever once leaked: refused, as is one minted to live too long.
      const verifyOptions = { issuer: this.auth.issuer, audience: this.auth.audience, algorithms: this.algorithms, requiredClaims: ['exp'] };
      // Two calls because jose's overloads differ for a key and a key-resolver function.
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, verifyOptions)).payload
          : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (e) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', reasonOf(e));
    }
    const maxLifetime = this.auth.maxTokenLifetimeSeconds ?? 86_400;
    const from = payload.iat ?? Math.floor(Date.now() / 1000);
    if (payload.exp! - from > maxLifetime) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', `The token lives longer than the ${maxLifetime} s this service accepts`);
    }
    return principalFrom(payload);
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'exp') return 'The token has no expiry (exp)';
  return 'The token is invalid';
}

export function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, org } = payload as JWTPayload & { role?: unknown; org?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has no subject');
  if (!isRole(role)) throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has no valid role');
  if (org !== undefined && (typeof org !== 'string' || org === '')) {
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has an invalid organisation');
  }
  // Enterprise actions are tenant-scoped; without an organisation there is no tenant to check against.
  if (role === 'enterprise' && org === undefined) {
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'An enterprise token must carry an organisation');
  }
  return org === undefined ? { subject: sub, role } : { subject: sub, role, organisationId: org };
}
