import assert from 'node:assert/strict';
import { sessionResponse } from '../../../src/contract/index.ts';
import { createApp } from '../../../src/server/app.ts';
import { systemClock } from '../../../src/server/clock.ts';
import type { SiteConfig } from '../../../src/server/config/sites.ts';
import { type Database } from '../../../src/server/db/database.ts';
import { buildProviders } from '../../../src/server/providers/index.ts';
import { memoryLog } from '../../fakes/tor4you/sites.ts';
import { migratedMemoryDatabase } from './memory-database.ts';

export interface PlatformApi {
  app: ReturnType<typeof createApp>;
  db: Database;
  log: ReturnType<typeof memoryLog>;
  /** A session for a page on `origin`, as the widget asks for it. */
  session(site: string): Promise<ReturnType<typeof sessionResponse.parse>>;
  close(): Promise<void>;
}

/**
 * The whole /v1 path of a platform's sites: the real app with the providers wired as main.ts wires them
 * (buildProviders: the adapter behind its availability cache), a fresh PGlite, and the platform's strict fake
 * that `sites` and `env` point at.
 */
export async function platformApi(sites: SiteConfig[], env: NodeJS.ProcessEnv, origin: string): Promise<PlatformApi> {
  const db = await migratedMemoryDatabase();
  const log = memoryLog();
  const built = buildProviders(sites, { db, clock: systemClock, log, env });
  const app = createApp({
    sites: new Map(sites.map((s) => [s.id, s])),
    providers: built.providers,
    db,
    clock: systemClock,
    log,
    publicUrl: 'https://book.example',
    secret: 'a-test-secret-that-is-long-enough-1234567890',
  });
  return {
    app,
    db,
    log,
    async session(site) {
      const res = await app.request('/v1/session', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ site }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      return sessionResponse.parse(await res.json());
    },
    async close() {
      await built.close();
      await db.close();
    },
  };
}
