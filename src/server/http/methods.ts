import type { Hono, MiddlewareHandler } from 'hono';
import { ApiFailure } from '../errors.ts';

interface RouteMethods {
  pattern: RegExp;
  method: string;
}

/** `/v1/bookings/:id/confirm` as a regular expression for the whole path. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source.replace(/\/\.\*$/, '(?:/.*)?')}$`);
}

/**
 * A path we serve, asked with a method we do not, is `405 method_not_allowed` with `Allow`, before any
 * token check: a wrong method is the caller's mistake whatever their token. The table is the app's own routes.
 */
export function methodCheck(app: Hono<any>): MiddlewareHandler {
  let routes: RouteMethods[] | null = null;
  // The methods of a path, looked up once: every call would otherwise test each route's pattern.
  const known = new Map<string, Set<string>>();
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    // Read on the first call: every router is mounted by then. Middleware is registered as ALL.
    routes ??= app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ pattern: patternOf(r.path), method: r.method }));
    const path = c.req.path;
    let allowed = known.get(path);
    if (!allowed) {
      allowed = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
      // Paths with ids vary without end: a bounded memo.
      if (known.size >= 1000) known.clear();
      known.set(path, allowed);
    }
    if (allowed.size === 0 || allowed.has(c.req.method) || (c.req.method === 'HEAD' && allowed.has('GET'))) return next();
    c.header('Allow', [...allowed].sort().join(', '));
    throw new ApiFailure('method_not_allowed', `${c.req.method} is not allowed here.`);
  };
}
