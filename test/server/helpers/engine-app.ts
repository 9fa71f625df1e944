import { siteConfig, engineFixture, type EngineFixture } from './engine.ts';
import { pageOrigin, session, testApp, type TestApp } from '../server-fixture.ts';
import type { AppDeps } from '../../../src/server/deps.ts';
import type { SiteConfig } from '../../../src/server/config/sites.ts';
import type { Database } from '../../../src/server/db/database.ts';

export interface EngineApp extends TestApp {
  fx: EngineFixture;
  site: SiteConfig;
  token: string;
  /** The one service: a 30-minute check-up with one slot, 2026-12-03 09:00 Jerusalem time, `places` places. */
  service: string;
}

/**
 * The API on the real embedded engine (PGlite), site "clinic" on pageOrigin; the clock stands at 2026-12-01 08:00Z.
 * `routeDb`: the database as the routes see it (the engine keeps the real one), to watch what they ask of it;
 * `arrivalWaitMs`: how long a booking attempt waits for those ahead of it on one time (the engine's gate).
 */
export async function engineApp(
  options: {
    places?: number;
    site?: Partial<SiteConfig>;
    deps?: Partial<AppDeps>;
    routeDb?: (db: Database) => Database;
    arrivalWaitMs?: number;
  } = {},
): Promise<EngineApp> {
  // Fixed site id "clinic": its own PGlite, so a run against a shared PostgreSQL (CI) cannot collide.
  const fx = await engineFixture('2026-12-01T08:00:00Z', { inMemory: true, arrivalWaitMs: options.arrivalWaitMs });
  const site: SiteConfig = { ...siteConfig('clinic', { confirmation: 'none' }), origins: [pageOrigin], customerFields: [], ...options.site };
  await fx.engine.admin.addSite({ id: 'clinic', name: 'Clinic', calendar: 'slots' });
  const staff = await fx.engine.admin.addStaff('clinic', { name: 'Dana', showorder: 1 });
  const service = await fx.engine.admin.addService('clinic', { name: 'Check-up', duration: 30, staffIds: [staff] });
  const places = options.places ?? 1;
  await fx.engine.admin.addSlot('clinic', {
    staffId: staff,
    serviceId: service,
    from: '2026-12-03T07:00:00Z',
    to: '2026-12-03T07:30:00Z',
    maxmembers: places,
  });
  const t = await testApp({
    db: options.routeDb ? options.routeDb(fx.db) : fx.db,
    clock: fx.clock,
    sites: new Map([['clinic', site]]),
    providers: new Map([['clinic', fx.engine.providerFor(site)]]),
    ...options.deps,
  });
  const close = async () => {
    await t.close();
    await fx.db.close();
  };
  return { ...t, db: fx.db, clock: fx.clock, close, fx, site, service, token: await session(t) };
}
