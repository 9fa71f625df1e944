import { resolve } from 'node:path';
import * as z from 'zod';
import { notifierFromEnv } from '../../notify/index.ts';
import { definePlatform } from '../platform.ts';
import type { Provider } from '../provider.ts';
import { applyCatalog } from './apply-catalog.ts';
import { readCatalogFile } from './catalog-file.ts';
import { createEmbeddedEngine } from './index.ts';

/** Bookwell's own engine (README.md here): one engine on the backend's database serves all its sites. */
export const embedded = definePlatform({
  type: 'embedded',
  config: z
    .object({
      type: z.literal('embedded'),
      /** The business's services, staff, hours and time off (docs/embedded.md), relative to the working directory. */
      catalog: z.string().min(1).optional(),
    })
    .strict(),
  migrations: new URL('./migrations/', import.meta.url),
  start: (deps) => {
    const engine = createEmbeddedEngine({ db: deps.db, clock: deps.clock, notifier: notifierFromEnv(deps.db, deps.env, deps.clock) });
    return {
      ...engine,
      providerFor(site) {
        const provider = engine.providerFor(site);
        if (!site.provider.catalog) return provider;
        // Checked now, so a wrong file stops the start; written before the site's first answer.
        const file = readCatalogFile(resolve(site.provider.catalog));
        let applied: Promise<void> | null = null;
        const ready = () =>
          (applied ??= applyCatalog(deps.db, site.id, file).catch((error: unknown) => {
            // Not written: the next call tries again.
            applied = null;
            throw error;
          }));
        return afterReady(provider, ready);
      },
    };
  },
});

/** The provider, each call waiting for `ready` first. */
function afterReady(provider: Provider, ready: () => Promise<void>): Provider {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(provider)) {
    wrapped[name] = typeof value === 'function' && name !== 'invalidate' ? async (...args: unknown[]) => (await ready(), (value as (...a: unknown[]) => unknown)(...args)) : value;
  }
  return wrapped as unknown as Provider;
}
