import type { Context, MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** The origin to allow for this call, or null for none. */
  origin: (origin: string, c: Context) => string | null;
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAge: number;
}

/**
 * CORS as hono/cors answers it, with every header set before the route runs: hono's adds `Vary` to the finished
 * answer, which makes @hono/node-server build a web Response and stream it back out, the costliest part of a small call.
 * A preflight is answered here (204), whatever the path.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const methods = options.allowMethods.join(',');
  const allowed = options.allowHeaders.join(',');
  const exposed = options.exposeHeaders.join(',');
  const maxAge = String(options.maxAge);
  return async (c, next) => {
    const origin = options.origin(c.req.header('origin') || '', c);
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    if (exposed) c.header('Access-Control-Expose-Headers', exposed);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method !== 'OPTIONS') return next();
    c.header('Access-Control-Max-Age', maxAge);
    c.header('Access-Control-Allow-Methods', methods);
    c.header('Access-Control-Allow-Headers', allowed);
    c.header('Vary', 'Access-Control-Request-Headers', { append: true });
    return c.body(null, 204);
  };
}
