import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from './deps.ts';
import { ApiFailure } from './errors.ts';
import { requireSession } from './http/auth.ts';
import { cors } from './http/cors.ts';
import type { AppEnv } from './http/env.ts';
import { errorHandler, notFoundHandler, sendFailure } from './http/errors.ts';
import { methodCheck } from './http/methods.ts';
import { requestLog } from './http/request-log.ts';
import { plainAnswers } from './http/plain-answers.ts';
import { apiSecurityHeaders, securityHeaders } from './http/security.ts';
import { maxBodyBytes } from './http/validate.ts';
import { availabilityRouter } from './routes/availability.ts';
import { bookingsRouter } from './routes/bookings.ts';
import { catalogRouter } from './routes/catalog.ts';
import { healthRouter } from './routes/health.ts';
import { manageRouter } from './routes/manage.ts';
import { outboxRouter } from './routes/outbox.ts';
import { createRuntime, type Runtime } from './routes/runtime.ts';
import { decideRouter } from './routes/decide.ts';
import { sessionRouter } from './routes/session.ts';
import { openApiDocument } from './openapi.ts';
import { webRouter } from './routes/web.ts';
import { webhooksRouter } from './providers/webhooks.ts';

/** Routers other modules own (web pages, platform webhooks), mounted here when present. */
export interface MountedRouters {
  /** Mounted at `/`: /widget.js, /embed.js, /embed/{site}, /manage/, /demo/**. */
  web?: Hono<any> | undefined;
  /** Mounted at `/v1/webhooks`. */
  webhooks?: Hono<any> | undefined;
}

/** `rt` is built here unless the caller needs it too (start.ts runs its message jobs). */
export function createApp(deps: AppDeps, routers: MountedRouters = {}, rt: Runtime = createRuntime(deps)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const listedOrigins = new Set([rt.ownOrigin, ...[...deps.sites.values()].flatMap((s) => s.origins)]);

  app.onError(errorHandler(deps.log));
  app.notFound(notFoundHandler);
  app.use('*', requestLog(deps.log));
  const https = rt.ownOrigin.startsWith('https:');
  app.use('*', securityHeaders({ https }));
  // First of the /v1 middleware: every header set from here on goes into the answer's one plain object.
  app.use('/v1/*', plainAnswers(apiSecurityHeaders({ https })));
  // Per-site origin checks happen where the site is known (session, token binding, manage); here
  // only pages of some listed site, or our own, may read answers at all. Any page may read the session
  // answer: it holds a token only for a listed origin, and a refusal tells the widget "origin_not_allowed"
  // instead of looking like a network failure.
  app.use(
    '/v1/*',
    cors({
      origin: (origin, c) => (listedOrigins.has(origin) || c.req.path === '/v1/session' ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Idempotency-Key', 'Content-Type'],
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );

  app.use('/v1/*', methodCheck(app));

  // Our routes read bodies through readJson, which enforces the limit itself without building a web
  // Request (the costliest part of a small call); the webhooks read theirs, so they get hono's limit.
  app.use(
    '/v1/webhooks/*',
    bodyLimit({ maxSize: maxBodyBytes, onError: (c) => sendFailure(c, new ApiFailure('payload_too_large', 'The body is too large.')) }),
  );

  app.route('/v1/health', healthRouter(rt));
  const openApi = openApiDocument();
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  app.route('/v1/session', sessionRouter(rt));
  app.route('/v1/manage', manageRouter(rt));
  app.route('/decide', decideRouter(rt));
  if (routers.webhooks) app.route('/v1/webhooks', routers.webhooks);
  // `/x/*` matches `/x` too: one pattern per router, so each call is checked and counted once.
  for (const path of ['/v1/catalog/*', '/v1/availability/*', '/v1/bookings/*']) {
    app.use(path, requireSession(rt));
  }
  app.route('/v1/catalog', catalogRouter(rt));
  app.route('/v1/availability', availabilityRouter(rt));
  app.route('/v1/bookings', bookingsRouter(rt));
  if (deps.outbox) app.route('/outbox', outboxRouter(rt, deps.outbox));
  if (routers.web) app.route('/', routers.web);
  return app;
}

/** The web pages and the platform webhooks, as start.ts mounts them. */
export function standardRouters(deps: AppDeps): MountedRouters {
  return { web: webRouter(deps), webhooks: webhooksRouter(deps) };
}
