import type { Clock } from '../clock.ts';
import type { RateLimits } from '../deps.ts';
import { ApiFailure } from '../errors.ts';

export const defaultRateLimits: RateLimits = { perIp: 1200, perSite: 12000, managePerIp: 60 };

/** Reads BOOKWELL_RATE_LIMIT_IP, BOOKWELL_RATE_LIMIT_SITE and BOOKWELL_RATE_LIMIT_MANAGE (requests per minute). */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<RateLimits> {
  const read = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of requests per minute`);
    return n;
  };
  const limits: Partial<RateLimits> = {};
  const ip = read('BOOKWELL_RATE_LIMIT_IP');
  const site = read('BOOKWELL_RATE_LIMIT_SITE');
  const manage = read('BOOKWELL_RATE_LIMIT_MANAGE');
  if (ip) limits.perIp = ip;
  if (site) limits.perSite = site;
  if (manage) limits.managePerIp = manage;
  return limits;
}

const windowMs = 60_000;

/**
 * Fixed one-minute windows in memory: cheap, and enough to stop one client from flooding a platform.
 * Several instances each count their own share.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Counts one call against `key`; throws rate_limited with Retry-After once over `limit`. */
  hit(key: string, limit: number): void {
    const now = this.clock().getTime();
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now - (now % windowMs);
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > limit) {
      const retryAfter = Math.ceil((this.windowStart + windowMs - now) / 1000);
      throw new ApiFailure('rate_limited', 'Too many requests; please wait a moment.', { retryAfter });
    }
  }
}
