import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { appointmentChanged } from '../../messages/moved.ts';
import { isTimeTapSite } from './config.ts';

/** Equal secrets, compared in constant time (hashed first, so their lengths tell nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The appointment id of a notification, when it names one; nothing else of it is read. */
function calendarIdOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const id = record['calendarid'] ?? record['calendarId'];
  return (typeof id === 'number' || typeof id === 'string') && /^\d{1,18}$/.test(String(id)) ? String(id) : null;
}

/**
 * POST /v1/webhooks/timetap/{site}?token=<secret>: the URL a business pastes in TimeTap's back office.
 * TimeTap signs nothing and says nothing of the event, so the secret in the URL is what admits a call, and
 * the body is only a hint: the site's cached availability is dropped (booking and manage always read TimeTap
 * itself). Nothing is stored, so a repeated notification does the same harmless thing again; the answer is
 * 200 at once, with no call to TimeTap on the way.
 */
export function timeTapWebhooks(deps: AppDeps, env: NodeJS.ProcessEnv): Hono {
  const router = new Hono();

  router.post('/:site', async (c) => {
    const siteId = c.req.param('site');
    const site = deps.sites.get(siteId);
    if (!site || !isTimeTapSite(site)) throw new ApiFailure('unknown_site', 'There is no TimeTap site with this id.');
    const secretEnv = site.provider.webhookSecretEnv;
    const secret = secretEnv ? env[secretEnv] : undefined;
    if (!secret) {
      deps.log.warn({ event: 'timetap_webhook', site: siteId, outcome: 'not_configured', secretEnv: secretEnv ?? null });
      throw new ApiFailure('not_found', 'Webhooks are not set up for this site.');
    }
    if (!sameSecret(c.req.query('token') ?? '', secret)) {
      deps.log.warn({ event: 'timetap_webhook', site: siteId, outcome: 'bad_token' });
      throw new ApiFailure('token_invalid', 'This webhook URL is not the one set up for the site.');
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new ApiFailure('invalid_request', 'The body is not JSON.');
    }
    deps.providers.get(siteId)?.invalidate?.();
    const appointment = calendarIdOf(body);
    // Moved or cancelled, perhaps: its reminder re-reads it from TimeTap now (the body itself is never believed).
    if (appointment) await appointmentChanged(deps.db, deps.clock, siteId, { calendarId: appointment });
    deps.log.info({ event: 'timetap_webhook', site: siteId, outcome: 'applied', appointment });
    return c.json({ status: 'ok' }, 200);
  });

  return router;
}
