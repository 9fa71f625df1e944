import { resolve } from 'node:path';
import * as z from 'zod';
import { notifierFromEnv } from '../../notify/index.ts';
import { definePlatform } from '../platform.ts';
import type { EveryMember, Provider } from '../provider.ts';
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
      /** The business's services, staff, hours and time off (docs/embedded.md); a relative path is the sites file's (loadSites). */
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

/** The provider, each call that answers through a promise waiting for `ready` first; the others answer at once. */
function afterReady(provider: Provider, ready: () => Promise<void>): Provider {
  const after = async <T>(call: () => Promise<T>): Promise<T> => {
    await ready();
    return call();
  };
  const wrapped: EveryMember<Provider> = {
    site: () => after(() => provider.site()),
    catalog: () => after(() => provider.catalog()),
    bookableDates: (query) => after(() => provider.bookableDates(query)),
    bookableTimes: (query) => after(() => provider.bookableTimes(query)),
    book: (input) => after(() => provider.book(input)),
    findBooking: provider.findBooking && ((input) => after(() => provider.findBooking!(input))),
    // What this process knows now: a promise here would read as "taken" and refuse every booking.
    knownTaken: provider.knownTaken && ((input) => provider.knownTaken!(input)),
    arrive: provider.arrive && ((input) => after(() => provider.arrive!(input))),
    getBooking: (key) => after(() => provider.getBooking(key)),
    setAttendance: (key, answer) => after(() => provider.setAttendance(key, answer)),
    cancel: (key) => after(() => provider.cancel(key)),
    confirmCode: provider.confirmCode && ((key, code) => after(() => provider.confirmCode!(key, code))),
    resendCode: provider.resendCode && ((key) => after(() => provider.resendCode!(key))),
    decide: provider.decide && ((key, decision) => after(() => provider.decide!(key, decision))),
    cancelCheck: provider.cancelCheck && ((key) => after(() => provider.cancelCheck!(key))),
    invalidate: provider.invalidate && (() => provider.invalidate!()),
    close: provider.close && (() => provider.close!()),
  };
  return wrapped;
}
