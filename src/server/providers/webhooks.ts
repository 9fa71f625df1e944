import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { platforms } from './registry.ts';

/** Each platform's webhooks at /v1/webhooks/<type>/…, as app.ts mounts them. */
export function webhooksRouter(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): Hono {
  const router = new Hono();
  for (const platform of platforms) if ('webhooks' in platform && platform.webhooks) router.route(`/${platform.type}`, platform.webhooks(deps, env));
  return router;
}
