import type { Queryable } from '../../db/database.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { externalService, providersOf, workingHours, type HoursRow, type ServiceRow, type StaffRow } from './store.ts';

/**
 * A site's rows that change only when the business changes its setup: the service, who performs it, their
 * weekly hours. Every availability computation needs them, so they come from memory instead of three database
 * round trips; appointments and time off are always read fresh.
 */
export interface FixedData {
  service(siteId: string, serviceId: string): Promise<ServiceRow>;
  providers(siteId: string, serviceId: number, staffId: string | null | undefined): Promise<StaffRow[]>;
  hours(siteId: string, staffIds: number[]): Promise<HoursRow[]>;
}

/** Straight from the database: what a booking's transaction reads, so it decides on the rows as they are. */
export function freshFixedData(db: Queryable): FixedData {
  return {
    service: (siteId, serviceId) => externalService(db, siteId, serviceId),
    providers: (siteId, serviceId, staffId) => providersOf(db, siteId, serviceId, staffId),
    hours: (_siteId, staffIds) => workingHours(db, staffIds),
  };
}

/**
 * Kept until `clear` (any change through this engine's admin) or for `ttlMs`, so another instance on the same
 * PostgreSQL sees a setup change that long after it is made. Refusals (an unknown service) are not kept.
 */
export function cachedFixedData(db: Queryable, ttlMs: number, now: () => number): FixedData & { clear(): void } {
  const cache = new TtlCache({ ttlMs, now, maxEntries: 5000 });
  const fresh = freshFixedData(db);
  const key = (...parts: unknown[]) => JSON.stringify(parts);
  return {
    service: (siteId, serviceId) => cache.get(key('service', siteId, serviceId), () => fresh.service(siteId, serviceId)),
    providers: (siteId, serviceId, staffId) =>
      cache.get(key('providers', siteId, serviceId, staffId ?? null), () => fresh.providers(siteId, serviceId, staffId)),
    hours: (siteId, staffIds) => cache.get(key('hours', siteId, staffIds), () => fresh.hours(siteId, staffIds)),
    clear: () => cache.clear(),
  };
}
