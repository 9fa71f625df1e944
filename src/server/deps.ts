import type { Clock } from './clock.ts';
import type { SiteConfig } from './config/sites.ts';
import type { Database } from './db/database.ts';
import type { Provider } from './providers/provider.ts';

/** One JSON line per call. Never pass a token, credential, phone number, email or name. */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  warn(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

/** Everything a router needs, built once at start (src/server/main.ts) or by a test. */
export interface AppDeps {
  sites: ReadonlyMap<string, SiteConfig>;
  /** One provider per site id. */
  providers: ReadonlyMap<string, Provider>;
  db: Database;
  clock: Clock;
  log: Logger;
  /** The backend's own public origin, e.g. http://127.0.0.1:8787 (manage links, embed pages). */
  publicUrl: string;
}
