import { Hono } from 'hono';
import type { CatalogResponse } from '../../contract/catalog.ts';
import type { AppEnv } from '../http/env.ts';
import type { Runtime } from './runtime.ts';

/** GET /v1/catalog: what the public may book; the cancel rules stay on the server. */
export function catalogRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => {
    const catalog = await rt.catalog(c.get('siteId'));
    const body: CatalogResponse = {
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
    return c.json(body);
  });
  return router;
}
