import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { appointmentChanged } from '../../messages/moved.ts';

/** The user name the watch setup gives Agendize for HTTP Basic; the password is the site's webhook secret. */
export const watchUser = 'bookwell';

/**
 * What we read of a watch notification: the appointment resource plus `event` and `date`. Names, e-mail and
 * phone are in there too; we neither need nor keep them: a notification only says our availability is stale.
 */
const notification = z.looseObject({
  id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)),
  event: z.enum(['created', 'updated', 'deleted']),
  date: z.looseObject({ dateTime: z.string().min(10).max(40) }),
});

function basicAuthMatches(header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`Basic ${Buffer.from(`${watchUser}:${secret}`).toString('base64')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * POST /v1/webhooks/agendize/{site}: where the watch (`npm run setup:agendize-watch`) tells Agendize to post.
 * Verified by the HTTP Basic password the watch was registered with; answered 200 at once, once per notification.
 */
export function agendizeWebhooks(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): Hono {
  const router = new Hono();
  router.post('/:site', async (c) => {
    const siteId = c.req.param('site');
    const site = deps.sites.get(siteId);
    if (!site || site.provider.type !== 'agendize') throw new ApiFailure('unknown_site', 'There is no Agendize site with this id.');
    const secretEnv = site.provider.webhookSecretEnv;
    const secret = secretEnv ? env[secretEnv] : undefined;
    if (!secret) {
      deps.log.warn({ event: 'agendize_webhook', site: siteId, outcome: 'not_configured', secretEnv: secretEnv ?? null });
      throw new ApiFailure('not_found', 'Webhooks are not set up for this site.');
    }
    if (!basicAuthMatches(c.req.header('authorization'), secret)) {
      deps.log.warn({ event: 'agendize_webhook', site: siteId, outcome: 'bad_credentials' });
      throw new ApiFailure('token_invalid', 'This notification is not from the watch we registered.');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw new ApiFailure('invalid_request', 'The body is not JSON.');
    }
    const parsed = notification.safeParse(raw);
    if (!parsed.success) throw new ApiFailure('invalid_request', 'This is not an Agendize appointment notification.');
    const { id, event, date } = parsed.data;
    const inserted = await deps.db.query(
      `INSERT INTO agendize_webhook_events (site_id, appointment_id, event, sent_at, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING appointment_id`,
      [siteId, id, event, date.dateTime, deps.clock().toISOString()],
    );
    const duplicate = inserted.length === 0;
    if (!duplicate) {
      deps.providers.get(siteId)?.invalidate?.();
      // Moved or cancelled, perhaps: its reminder re-reads it from Agendize now.
      await appointmentChanged(deps.db, deps.clock, siteId, { id });
    }
    deps.log.info({ event: 'agendize_webhook', site: siteId, outcome: duplicate ? 'duplicate' : 'applied', appointment: id, change: event });
    return c.json({ status: 'ok' }, 200);
  });
  return router;
}
