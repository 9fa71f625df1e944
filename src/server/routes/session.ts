import { Hono } from 'hono';
import { sessionRequest, type SessionResponse } from '../../contract/session.ts';
import { ApiFailure } from '../errors.ts';
import { requestOrigin } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { readJson } from '../http/validate.ts';
import { issueSessionToken } from '../tokens/session.ts';
import { publicCatalog } from './catalog.ts';
import type { Runtime } from './runtime.ts';

/** POST /v1/session {site, catalog?}: a short-lived token, only for a page on one of the site's origins; the catalog when asked. */
export function sessionRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();
  router.post('/', async (c) => {
    rt.limiter.hit(`ip:${rt.clientIp(c)}`, rt.limits.perIp);
    const { site: siteId, catalog: withCatalog } = await readJson(c, sessionRequest);
    const { config } = rt.site(siteId);
    c.set('siteId', siteId);
    const origin = requestOrigin(c, rt.ownOrigin);
    if (!origin || (origin !== rt.ownOrigin && !config.origins.includes(origin))) {
      throw new ApiFailure('origin_not_allowed', 'This page is not allowed to book for this site.');
    }
    // Only calls that could be a real visitor's use up the site's share: refused ones must not lock visitors out.
    rt.limiter.hit(`site:${siteId}`, rt.limits.perSite);
    const [site, catalog] = await Promise.all([rt.siteInfo(siteId), withCatalog ? publicCatalog(rt, siteId) : undefined]);
    const { token, expiresAt } = await issueSessionToken(rt.keys.session, {
      site: siteId,
      origin,
      now: rt.deps.clock(),
      ttlSeconds: rt.tokenTtlSeconds,
    });
    return c.json({ token, expiresAt: expiresAt.toISOString(), site, ...(catalog ? { catalog } : {}) } satisfies SessionResponse);
  });
  return router;
}
