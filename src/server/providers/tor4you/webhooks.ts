import { createHash, timingSafeEqual } from 'node:crypto';
import { appointmentChanged } from '../../messages/moved.ts';
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { isTor4YouSite } from './config.ts';

/**
 * What we read of a Tor4You notification. The rest (names, cell, email) is personal data we
 * neither need nor keep: a notification only tells us our cached availability is stale.
 */
const tor4youNotification = z.looseObject({
  id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)),
  sh: z.string().regex(/^[0-9a-fA-F]{64}$/),
  action: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined ? '' : String(v))),
  apptid: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined ? null : String(v))),
});

/** sh = SHA256(id + the key from the Tor4You settings menu), compared in constant time. */
function signedByTor4You(id: string, sh: string, key: string): boolean {
  const expected = createHash('sha256')
    .update(id + key, 'utf8')
    .digest();
  const given = Buffer.from(sh, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * POST /v1/webhooks/tor4you/{site}: the URL a business pastes in the Tor4You settings menu.
 * Answers 200 quickly (Tor4You retries anything else for a day), once per notification id.
 */
export function tor4youWebhooks(deps: AppDeps, env: NodeJS.ProcessEnv): Hono {
  const router = new Hono();

  router.post('/:site', async (c) => {
    const siteId = c.req.param('site');
    const site = deps.sites.get(siteId);
    if (!site || !isTor4YouSite(site)) throw new ApiFailure('unknown_site', 'There is no Tor4You site with this id.');
    const keyEnv = site.provider.webhookKeyEnv;
    const key = keyEnv ? env[keyEnv] : undefined;
    if (!key) {
      deps.log.warn({ event: 'tor4you_webhook', site: siteId, outcome: 'not_configured', keyEnv: keyEnv ?? null });
      throw new ApiFailure('not_found', 'Webhooks are not set up for this site.');
    }

    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw new ApiFailure('invalid_request', 'The body is not JSON.');
    }
    const parsed = tor4youNotification.safeParse(raw);
    if (!parsed.success) throw new ApiFailure('invalid_request', 'This is not a Tor4You notification.');
    const notification = parsed.data;
    if (!signedByTor4You(notification.id, notification.sh, key)) {
      deps.log.warn({ event: 'tor4you_webhook', site: siteId, outcome: 'bad_signature' });
      throw new ApiFailure('token_invalid', 'The notification signature does not match.');
    }

    const inserted = await deps.db.query(
      `INSERT INTO tor4you_webhook_events (site_id, notification_id, action, appointment_id, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING notification_id`,
      [siteId, notification.id, notification.action, notification.apptid, deps.clock().toISOString()],
    );
    const duplicate = inserted.length === 0;
    if (!duplicate) deps.providers.get(siteId)?.invalidate?.();
    // An update may have moved the appointment: its reminder follows it.
    if (!duplicate && notification.apptid) await appointmentChanged(deps.db, deps.clock, siteId, { apptId: notification.apptid });
    deps.log.info({
      event: 'tor4you_webhook',
      site: siteId,
      outcome: duplicate ? 'duplicate' : 'applied',
      notification: notification.id,
      action: notification.action,
      appointment: notification.apptid,
    });
    return c.json({ status: 'ok' }, 200);
  });

  return router;
}
