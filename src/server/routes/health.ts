import { Hono } from 'hono';
import { ApiFailure } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { Runtime } from './runtime.ts';

/** GET /v1/health: up, and the database answers. */
export function healthRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => {
    try {
      await rt.deps.db.query('SELECT 1');
    } catch (error) {
      throw new ApiFailure('upstream_unavailable', 'The database does not answer.', { cause: error });
    }
    return c.json({ status: 'ok', sites: rt.deps.sites.size });
  });
  return router;
}
