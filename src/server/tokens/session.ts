import { createHash, type webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiFailure } from '../errors.ts';

export const sessionTokenType = 'bookwell-session+jwt';
export const tokenIssuer = 'bookwell';
/** The longest a session token may live: a stolen one is useless soon. */
export const maxTokenTtlSeconds = 900;

/** The token carries a hash of the page's origin, not the origin: it says nothing about the host page. */
export function originHash(origin: string): string {
  let hash = originHashes.get(origin);
  if (!hash) {
    hash = createHash('sha256').update(origin).digest('base64url').slice(0, 22);
    if (originHashes.size >= 1000) originHashes.clear();
    originHashes.set(origin, hash);
  }
  return hash;
}
const originHashes = new Map<string, string>();

/** Importing the raw key costs as much as signing; each key is imported once. */
const imported = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();
function hmacKey(raw: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = imported.get(raw);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported.set(raw, key);
  }
  return key;
}

export interface SessionClaims {
  site: string;
  expiresAt: Date;
}

/**
 * HS256 is deterministic and times have one-second resolution, so every token for one site, origin and
 * second is the same string: signing it once per second gives exactly the answer signing each time would.
 */
interface KeyState {
  issued: Map<string, Promise<string>>;
  issuedSecond: number;
  /** Tokens whose signature, algorithm, type and issuer jose has checked; expiry and origin are checked on every use. */
  verified: Map<string, VerifiedPayload>;
}
const states = new WeakMap<Uint8Array, KeyState>();
function stateOf(key: Uint8Array): KeyState {
  let state = states.get(key);
  if (!state) states.set(key, (state = { issued: new Map(), issuedSecond: 0, verified: new Map() }));
  return state;
}

export async function issueSessionToken(
  key: Uint8Array,
  input: { site: string; origin: string; now: Date; ttlSeconds: number },
): Promise<{ token: string; expiresAt: Date }> {
  const ttl = Math.max(1, Math.min(maxTokenTtlSeconds, Math.floor(input.ttlSeconds)));
  const iat = Math.floor(input.now.getTime() / 1000);
  const state = stateOf(key);
  if (iat !== state.issuedSecond || state.issued.size > 1000) {
    state.issued.clear();
    state.issuedSecond = iat;
  }
  const issued = state.issued;
  const org = originHash(input.origin);
  const cacheKey = `${input.site}|${org}|${ttl}`;
  let token = issued.get(cacheKey);
  if (!token) {
    token = hmacKey(key).then((k) =>
      new SignJWT({ org })
        .setProtectedHeader({ alg: 'HS256', typ: sessionTokenType })
        .setIssuer(tokenIssuer)
        .setAudience(input.site)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttl)
        .sign(k),
    );
    issued.set(cacheKey, token);
  }
  return { token: await token, expiresAt: new Date((iat + ttl) * 1000) };
}

interface VerifiedPayload {
  aud: unknown;
  exp: number;
  org: unknown;
}

async function checkedPayload(key: Uint8Array, token: string, now: Date): Promise<VerifiedPayload> {
  const verified = stateOf(key).verified;
  const known = verified.get(token);
  if (known) {
    if (known.exp * 1000 <= now.getTime()) throw new ApiFailure('token_expired', 'The session token has expired; ask for a new one.');
    return known;
  }
  try {
    const { payload } = await jwtVerify(token, await hmacKey(key), {
      algorithms: ['HS256'],
      typ: sessionTokenType,
      issuer: tokenIssuer,
      currentDate: now,
      requiredClaims: ['aud', 'exp', 'org'],
    });
    const result = { aud: payload.aud, exp: payload.exp!, org: payload['org'] };
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, result);
    return result;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new ApiFailure('token_expired', 'The session token has expired; ask for a new one.');
    throw new ApiFailure('token_invalid', 'The session token is not valid.');
  }
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
  const payload = await checkedPayload(key, token, input.now);
  const aud = payload.aud;
  if (typeof aud !== 'string' || !input.isSite(aud)) throw new ApiFailure('token_invalid', 'The session token is not for a site we serve.');
  if (!input.origin || payload.org !== originHash(input.origin)) {
    throw new ApiFailure('token_invalid', 'The session token belongs to another page origin.');
  }
  return { site: aud, expiresAt: new Date(payload.exp * 1000) };
}
