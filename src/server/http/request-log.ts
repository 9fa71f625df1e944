import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../deps.ts';
import type { AppEnv } from './env.ts';
import { safeRoute } from './errors.ts';

/**
 * One line per call: the route pattern (never the raw path: manage tokens live in paths), status,
 * duration and site. No header, query or body value is logged.
 */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log.info({
      msg: 'request',
      method: c.req.method,
      route: safeRoute(c),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      site: c.get('siteId') ?? null,
    });
  };
}
