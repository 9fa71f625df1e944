import { existsSync } from 'node:fs';
import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/database.ts';
import type { Logger, OutboxMessage } from '../deps.ts';
import type { Provider } from './provider.ts';

/** What the server needs of the embedded engine (src/server/providers/embedded). */
export interface EngineHandle {
  providerFor(site: SiteConfig): Provider;
  expirePending(): Promise<number>;
  admin: { outbox(siteId: string): Promise<OutboxMessage[]> };
}

export interface BuiltProviders {
  providers: Map<string, Provider>;
  /** Present when at least one site uses the embedded engine. */
  engine: EngineHandle | null;
  close(): Promise<void>;
}

export class ProviderSetupError extends Error {
  override name = 'ProviderSetupError';
}

/**
 * Modules are loaded by URL at run time: each platform's adapter is its own module, and a platform
 * nobody configured costs nothing at start.
 */
async function load<T>(relative: string, exportName: string, what: string): Promise<T> {
  const url = new URL(relative, import.meta.url);
  if (!existsSync(url)) throw new ProviderSetupError(`${what} is not available in this build (${relative} is missing)`);
  const module = (await import(url.href)) as Record<string, unknown>;
  const value = module[exportName];
  if (typeof value !== 'function') throw new ProviderSetupError(`${what}: ${relative} does not export ${exportName}`);
  return value as T;
}

type CreateEngine = (opts: { db: Database; clock: Clock; notifier: unknown }) => EngineHandle;
type NotifierFromEnv = (db: Database, env: NodeJS.ProcessEnv, clock: Clock) => unknown;
type CreateTor4You = (site: SiteConfig, deps: { clock: Clock; log: Logger; env?: NodeJS.ProcessEnv }) => Provider;
type WithCache = (provider: Provider, opts: { clock: Clock; log?: Logger }) => Provider;

/** One provider per site: the embedded engine, or a platform adapter behind a short availability cache. */
export async function buildProviders(
  sites: readonly SiteConfig[],
  deps: { db: Database; clock: Clock; log: Logger; env: NodeJS.ProcessEnv },
): Promise<BuiltProviders> {
  const providers = new Map<string, Provider>();
  let engine: EngineHandle | null = null;
  for (const site of sites) {
    if (site.provider.type === 'embedded') {
      if (!engine) {
        const createEmbeddedEngine = await load<CreateEngine>('./embedded/index.ts', 'createEmbeddedEngine', 'the embedded engine');
        const notifierFromEnv = await load<NotifierFromEnv>('../notify/index.ts', 'notifierFromEnv', 'notifications');
        engine = createEmbeddedEngine({ db: deps.db, clock: deps.clock, notifier: notifierFromEnv(deps.db, deps.env, deps.clock) });
      }
      providers.set(site.id, engine.providerFor(site));
    } else if (site.provider.type === 'tor4you') {
      const createTor4YouProvider = await load<CreateTor4You>('./tor4you/index.ts', 'createTor4YouProvider', 'the Tor4You adapter');
      const withAvailabilityCache = await load<WithCache>('./cache.ts', 'withAvailabilityCache', 'the availability cache');
      const adapter = createTor4YouProvider(site, { clock: deps.clock, log: deps.log, env: deps.env });
      providers.set(site.id, withAvailabilityCache(adapter, { clock: deps.clock, log: deps.log }));
    } else {
      throw new ProviderSetupError(`site ${(site as SiteConfig).id}: unknown provider type`);
    }
  }
  return {
    providers,
    engine,
    async close() {
      await Promise.all([...providers.values()].map((p) => p.close?.()));
    },
  };
}
