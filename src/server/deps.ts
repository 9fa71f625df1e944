import type { Clock } from './clock.ts';
import type { SiteConfig } from './config/sites.ts';
import type { Database } from './db/database.ts';
import type { Transports } from './notify/transports.ts';
import type { Provider } from './providers/provider.ts';

/** One JSON line per call. Never pass a token, credential, phone number, email or name. */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  warn(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

/** Requests per minute; every limit can be raised by env (see README) so load tests are not throttled. */
export interface RateLimits {
  /** Every /v1 call, per client IP. */
  perIp: number;
  /** Every /v1 call of one site, all clients together. */
  perSite: number;
  /** Manage-link calls per client IP: a link is a capability, so guessing is slowed down hard. */
  managePerIp: number;
}

/** A message the demo outbox page shows (the embedded engine's outbox). */
export interface OutboxMessage {
  id: number;
  kind: string;
  to: { cell: string | null; email: string | null };
  subject: string;
  text: string;
  status: string;
  createdAt: string;
}

/** Everything a router needs, built once at start (src/server/start.ts) or by a test. */
export interface AppDeps {
  sites: ReadonlyMap<string, SiteConfig>;
  /** One provider per site id. */
  providers: ReadonlyMap<string, Provider>;
  db: Database;
  clock: Clock;
  log: Logger;
  /** The backend's own public origin, e.g. http://127.0.0.1:8787 (manage links, embed pages). */
  publicUrl: string;
  /** Signs session tokens and refs, encrypts manage tokens (keys derived from it). A random one when absent. */
  secret?: string | undefined;
  /** Session token lifetime, seconds; capped at 900. */
  tokenTtlSeconds?: number | undefined;
  rateLimits?: Partial<RateLimits> | undefined;
  /** Proxies (CIDRs) whose X-Forwarded-For names the client (BOOKWELL_TRUSTED_PROXIES); none by default. */
  trustedProxies?: readonly string[] | undefined;
  /** How long availability answers may be reused, ms (dropped on every booking and cancel). 0 = off. */
  availabilityCacheMs?: number | undefined;
  /** How long a duplicate booking request waits for the first one's answer, ms (default 5000). */
  idempotencyWaitMs?: number | undefined;
  /** E-mail and SMS transports; a channel without one keeps its messages in the outbox. */
  transports?: Transports | undefined;
  /** The embedded engine's outbox, for the demo outbox page; absent when no site uses the engine. */
  outbox?: ((siteId: string) => Promise<OutboxMessage[]>) | undefined;
}

/**
 * A logger that writes one JSON line per entry to stdout. Lines written in one turn of the event loop
 * leave in one write: under load a write per request costs more than the request.
 */
export function jsonLogger(write: (text: string) => void = (t) => process.stdout.write(t)): Logger {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('');
    pending = [];
    if (text) write(text);
  };
  const line = (level: string, fields: Record<string, unknown>) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(JSON.stringify({ time: new Date().toISOString(), level, ...fields }) + '\n');
  };
  process.once('exit', flush);
  return {
    info: (f) => line('info', f),
    warn: (f) => line('warn', f),
    error: (f) => line('error', f),
  };
}
