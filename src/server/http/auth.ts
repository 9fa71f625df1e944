import type { Context, MiddlewareHandler } from 'hono';
import { ApiFailure } from '../errors.ts';
import type { Runtime } from '../routes/runtime.ts';
import { verifySessionToken } from '../tokens/session.ts';
import type { AppEnv } from './env.ts';

/**
 * The page origin of a call. Browsers leave Origin out of same-origin GETs; those can only come from
 * the backend's own pages, which Sec-Fetch-Site tells us, under the name the page used (localhost or
 * 127.0.0.1 for the demo), so the origin its token was bound to on the POST matches.
 */
export function requestOrigin(c: Context, ownOrigin: string): string | null {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin;
  if (c.req.header('sec-fetch-site') !== 'same-origin') return null;
  const own = new URL(ownOrigin);
  const host = c.req.header('host');
  return host && host !== own.host ? `${own.protocol}//${host}` : ownOrigin;
}

/** Every /v1 call after the session needs `Authorization: Bearer <session token>`; it names the site. */
export function requireSession(rt: Runtime): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    rt.limiter.hit(`ip:${rt.clientIp(c)}`, rt.limits.perIp);
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ApiFailure(header ? 'token_invalid' : 'token_missing', 'Send the session token as Authorization: Bearer <token>.');
    }
    const origin = requestOrigin(c, rt.ownOrigin);
    const claims = await verifySessionToken(rt.keys.session, match[1], {
      origin,
      now: rt.deps.clock(),
      isSite: (id) => rt.deps.sites.has(id),
    });
    rt.limiter.hit(`site:${claims.site}`, rt.limits.perSite);
    c.set('siteId', claims.site);
    c.set('site', rt.site(claims.site).config);
    c.set('origin', origin);
    await next();
  };
}
