import { resolve } from 'node:path';
import * as z from 'zod';
import { notifierFromEnv } from '../../notify/index.ts';
import { definePlatform } from '../platform.ts';
import type { Provider } from '../provider.ts';
import { applyCatalog } from './apply-catalog.ts';
import { readCatalogFile } from './catalog-file.ts';
import { createEmbeddedEngine } from './index.ts';
import { zonedDate } from '../../zoned.ts';

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
        const path = resolve(site.provider.catalog);
        const file = readCatalogFile(path);
        let applied: { date: string; done: Promise<void> } | null = null;
        const apply = async () => {
          const changes = await applyCatalog(deps.db, { id: site.id, timeZone: site.timezone }, file, deps.clock().getTime());
          provider.invalidate?.();
          if (changes.added + changes.changed + changes.closed + changes.removed > 0)
            deps.log.info({ msg: 'catalog slots applied', site: site.id, ...changes, clashes: changes.clashes.length });
          // A booked slot the file reshapes stays as booked; the business should know its new slot is not there.
          for (const slot of changes.clashes)
            deps.log.warn({ msg: 'catalog slot kept as booked, closed to new bookings', site: site.id, file: path, slot });
        };
        // Applied again on each new day of the site, so weekly slots always reach as far ahead as the file says.
        const ready = () => {
          const date = zonedDate(site.timezone, deps.clock().getTime());
          if (applied?.date !== date) {
            const done = apply().catch((error: unknown) => {
              // Not written: the next call tries again.
              applied = null;
              throw error;
            });
            applied = { date, done };
          }
          return applied.done;
        };
        return afterReady(provider, ready);
      },
    };
  },
});

/** The provider, each call waiting for `ready` first. */
function afterReady(provider: Provider, ready: () => Promise<void>): Provider {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(provider)) {
    wrapped[name] =
      typeof value === 'function' && name !== 'invalidate'
        ? async (...args: unknown[]) => (await ready(), (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return wrapped as unknown as Provider;
}
