import { createHash } from 'node:crypto';

/** The hash the account signs with: the vendor's library uses SHA1, newer integrations report SHA256. */
export const signatureAlgorithms = ['sha1', 'sha256'] as const;
export type SignatureAlgorithm = (typeof signatureAlgorithms)[number];

/** Parameters that travel with a call but are not signed (the platform's own list). */
const unsigned = new Set(['api_key', 'api_salt', 'api_signature', 'api_format', 'api_lang', 'api_jsonp_callback']);

/**
 * The string the platform hashes: every signed parameter (`method` included) sorted by key in byte order
 * (upper case before lower case, as PHP's ksort), key + value with nothing between, spaces removed from the
 * whole, then the secret, then the salt.
 */
export function signingString(params: Readonly<Record<string, string>>, secret: string, salt: number): string {
  // Default sort compares UTF-16 code units: byte order for the ASCII keys the API uses, never the locale's order.
  const keys = Object.keys(params)
    .filter((key) => !unsigned.has(key))
    .sort();
  const joined = keys
    .map((key) => `${key}${params[key]}`)
    .join('')
    .replace(/ /g, '');
  return `${joined}${secret}${salt}`;
}

/** `api_signature`: the hash of the signing string, lower-case hex. */
export function signature(params: Readonly<Record<string, string>>, secret: string, salt: number, algorithm: SignatureAlgorithm): string {
  return createHash(algorithm)
    .update(signingString(params, secret, salt), 'utf8')
    .digest('hex');
}

/**
 * `api_salt` is the current Unix time in seconds, refused when later than the server's clock or more than
 * 300 s behind it. Every answer tells the server's time (`Timestamp`); this keeps how far our clock is from
 * it, and signs a few seconds early so a salt never arrives "from the future".
 */
export class SaltClock {
  /** Server seconds minus ours, from the latest answer. */
  #offsetSeconds = 0;
  readonly #now: () => Date;

  /** Early enough for network delay and the Timestamp's whole-second rounding, far inside the 300 s window. */
  static readonly leadSeconds = 5;

  constructor(now: () => Date) {
    this.#now = now;
  }

  salt(): number {
    return Math.floor(this.#now().getTime() / 1000) + this.#offsetSeconds - SaltClock.leadSeconds;
  }

  /** Learns the server's clock from an answer; true when that moved our salt by more than the lead. */
  observe(serverTimestamp: number): boolean {
    if (!Number.isFinite(serverTimestamp) || serverTimestamp <= 0) return false;
    const offset = serverTimestamp - Math.floor(this.#now().getTime() / 1000);
    const moved = Math.abs(offset - this.#offsetSeconds) > SaltClock.leadSeconds;
    this.#offsetSeconds = offset;
    return moved;
  }

  get offsetSeconds(): number {
    return this.#offsetSeconds;
  }
}
