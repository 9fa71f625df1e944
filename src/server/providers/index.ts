import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../deps.ts';
import type { EmbeddedEngine } from './embedded/index.ts';
import type { PlatformInstance } from './platform.ts';
import type { Provider } from './provider.ts';
import { platforms } from './registry.ts';

export interface BuiltProviders {
  providers: Map<string, Provider>;
  /** Present when at least one site uses the embedded engine. */
  engine: EmbeddedEngine | null;
  close(): Promise<void>;
}

/**
 * One provider per site, from its platform's module, each platform started once for all its sites.
 * Missing platform secrets stop the start.
 */
export function buildProviders(
  sites: readonly SiteConfig[],
  deps: { db: Database; clock: Clock; log: Logger; env: NodeJS.ProcessEnv },
): BuiltProviders {
  const providers = new Map<string, Provider>();
  const started = new Map<string, PlatformInstance<never>>();
  for (const site of sites) {
    const platform = platforms.find((p) => p.type === site.provider.type)!;
    let instance = started.get(platform.type);
    if (!instance) started.set(platform.type, (instance = platform.start(deps)));
    // The site's provider config was parsed by this platform's schema (the union is told apart by type).
    providers.set(site.id, instance.providerFor(site as never));
  }
  return {
    providers,
    engine: (started.get('embedded') as EmbeddedEngine | undefined) ?? null,
    async close() {
      await Promise.all([...providers.values()].map((p) => p.close?.()));
      await Promise.all([...started.values()].map((p) => p.close?.()));
    },
  };
}
