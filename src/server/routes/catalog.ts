import { Hono } from 'hono';
import type { CatalogResponse } from '../../contract/catalog.ts';
import type { AppEnv } from '../http/env.ts';
import type { Runtime } from './runtime.ts';

/** What the public may book; the cancel rules stay on the server. GET /v1/catalog and the session answer send it. */
export async function publicCatalog(rt: Runtime, siteId: string): Promise<CatalogResponse> {
  const catalog = await rt.catalog(siteId);
  return {
    services: catalog.services.map((s) => ({
      id: s.id,
      name: s.name,
      durationMinutes: s.durationMinutes,
      price: s.price,
      groupBooking: s.groupBooking,
      maxParticipants: s.maxParticipants,
      staffIds: s.staffIds,
      branchIds: s.branchIds,
    })),
    staff: catalog.staff.map((s) => ({ id: s.id, name: s.name })),
    branches: catalog.branches.map((b) => ({ id: b.id, name: b.name, address: b.address })),
  };
}

/** GET /v1/catalog. */
export function catalogRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => c.json(await publicCatalog(rt, c.get('siteId'))));
  return router;
}
