import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../deps.ts';
import { notifierFromEnv } from '../notify/index.ts';
import { withAvailabilityCache } from './cache.ts';
import { createEmbeddedEngine, type EmbeddedEngine } from './embedded/index.ts';
import type { Provider } from './provider.ts';
import { createOnlineAfsprakenProvider } from './onlineafspraken/index.ts';
import { createTor4YouProvider } from './tor4you/index.ts';
import { createAgendizeProvider } from './agendize/index.ts';

export interface BuiltProviders {
  providers: Map<string, Provider>;
  /** Present when at least one site uses the embedded engine. */
  engine: EmbeddedEngine | null;
  close(): Promise<void>;
}

/**
 * One provider per site: the embedded engine (one engine for all its sites, on the backend's database),
 * or a platform adapter behind a short availability cache. Missing platform secrets stop the start.
 */
export function buildProviders(
  sites: readonly SiteConfig[],
  deps: { db: Database; clock: Clock; log: Logger; env: NodeJS.ProcessEnv },
): BuiltProviders {
  const providers = new Map<string, Provider>();
  let engine: EmbeddedEngine | null = null;
  for (const site of sites) {
    switch (site.provider.type) {
      case 'embedded':
        engine ??= createEmbeddedEngine({ db: deps.db, clock: deps.clock, notifier: notifierFromEnv(deps.db, deps.env, deps.clock) });
        providers.set(site.id, engine.providerFor(site));
        break;
      case 'tor4you': {
        const adapter = createTor4YouProvider(site, { clock: deps.clock, log: deps.log, env: deps.env });
        providers.set(site.id, withAvailabilityCache(adapter, { clock: deps.clock, log: deps.log }));
        break;
      }
      case 'onlineafspraken': {
        const adapter = createOnlineAfsprakenProvider(site, { clock: deps.clock, log: deps.log, env: deps.env });
        providers.set(site.id, withAvailabilityCache(adapter, { clock: deps.clock, log: deps.log }));
        break;
      }
      case 'agendize': {
        const adapter = createAgendizeProvider(site, { clock: deps.clock, log: deps.log, env: deps.env });
        providers.set(site.id, withAvailabilityCache(adapter, { clock: deps.clock, log: deps.log }));
        break;
      }
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
