import { createHash } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiFailure } from '../errors.ts';

export const sessionTokenType = 'bookwell-session+jwt';
export const tokenIssuer = 'bookwell';
/** The longest a session token may live: a stolen one is useless soon. */
export const maxTokenTtlSeconds = 900;

/** The token carries a hash of the page's origin, not the origin: it says nothing about the host page. */
export function originHash(origin: string): string {
  return createHash('sha256').update(origin).digest('base64url').slice(0, 22);
}

export interface SessionClaims {
  site: string;
  expiresAt: Date;
}

export async function issueSessionToken(
  key: Uint8Array,
  input: { site: string; origin: string; now: Date; ttlSeconds: number },
): Promise<{ token: string; expiresAt: Date }> {
  const ttl = Math.max(1, Math.min(maxTokenTtlSeconds, Math.floor(input.ttlSeconds)));
  const iat = Math.floor(input.now.getTime() / 1000);
  const token = await new SignJWT({ org: originHash(input.origin) })
    .setProtectedHeader({ alg: 'HS256', typ: sessionTokenType })
    .setIssuer(tokenIssuer)
    .setAudience(input.site)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(key);
  return { token, expiresAt: new Date((iat + ttl) * 1000) };
}

/**
 * Checks signature, algorithm, type, issuer, expiry, that the audience is one of our sites and that
 * the token is used from the origin it was issued to.
 */
export async function verifySessionToken(
  key: Uint8Array,
  token: string,
  input: { origin: string | null; now: Date; isSite: (id: string) => boolean },
): Promise<SessionClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      typ: sessionTokenType,
      issuer: tokenIssuer,
      currentDate: input.now,
      requiredClaims: ['aud', 'exp', 'org'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new ApiFailure('token_expired', 'The session token has expired; ask for a new one.');
    throw new ApiFailure('token_invalid', 'The session token is not valid.');
  }
  const aud = payload.aud;
  if (typeof aud !== 'string' || !input.isSite(aud)) throw new ApiFailure('token_invalid', 'The session token is not for a site we serve.');
  if (!input.origin || payload['org'] !== originHash(input.origin)) {
    throw new ApiFailure('token_invalid', 'The session token belongs to another page origin.');
  }
  return { site: aud, expiresAt: new Date((payload.exp ?? 0) * 1000) };
}
