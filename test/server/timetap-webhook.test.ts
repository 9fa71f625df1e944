import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { withAvailabilityCache } from '../../src/server/providers/shared/availability-cache.ts';
import type { PlatformBooking, Provider } from '../../src/server/providers/provider.ts';
import { createTimeTapProvider } from '../../src/server/providers/timetap/adapter.ts';
import { webhooksRouter } from '../../src/server/providers/webhooks.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { zonedDate } from '../../src/server/zoned.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';
import { credentialsEnv, fakeSites } from '../fakes/timetap/sites.ts';
import { assertWebhookWakesReminder } from './helpers/messages.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

let fake: TimeTapFake;
let db: Database;
let app: ReturnType<typeof createApp>;
let clinic: Provider;
let booking: PlatformBooking;
let date: string;
let secret: string;
const log = memoryLog();
const dayRoute = 'GET /availability/{YYYY}/{MM}/{DD}/{staffId}/{locationId}/{reasonId}';

before(async () => {
  fake = await startTimeTapFake();
  db = await migratedMemoryDatabase();
  const sites = fakeSites(fake);
  secret = credentialsEnv(fake)['TIMETAP_WEBHOOK_SECRET']!;
  // A long ttl: only a webhook can make the cached answer go away during these tests.
  clinic = withAvailabilityCache(createTimeTapProvider(sites.clinic, { db, clock: systemClock, log, env: sites.env }), {
    ttlMs: 600_000,
    clock: systemClock,
  });
  const appDeps: AppDeps = {
    sites: new Map([
      [sites.clinic.id, sites.clinic],
      [sites.approval.id, sites.approval],
    ]),
    providers: new Map([[sites.clinic.id, clinic]]),
    db,
    clock: systemClock,
    log,
    publicUrl: 'http://127.0.0.1:8787',
    secret: 'a-test-secret-of-at-least-thirty-two-characters',
  };
  app = createApp(appDeps, { webhooks: webhooksRouter(appDeps, { ...sites.env, TIMETAP_WEBHOOK_SECRET: secret }) });
  for (
    date = addDays(zonedDate('America/New_York', Date.now()), 2);
    ![1, 3, 5].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
    date = addDays(date, 1)
  );
  const [time] = await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date });
  booking = await clinic.book({
    service: '601',
    staff: '701',
    branch: '501',
    start: time!.start,
    end: time!.end,
    hold: time!.hold,
    participants: 1,
    lang: 'en',
    customer: { firstName: 'Grace', lastName: 'Hall', cell: '3475550110', email: 'grace@example.com' },
    idempotencyKey: crypto.randomUUID(),
    resumed: false,
  });
});
after(async () => {
  await fake.close();
  await db.close();
});

const post = (path: string, body: unknown) =>
  app.request(`/v1/webhooks/timetap/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The whole appointment as TimeTap posts it: lower-case calendarid, no signature, no event type. */
const notification = () => ({ calendarid: Number(booking.key['calendarId']), status: 'OPEN', subStatus: 'OPEN', clientStartDate: date });

/** Asks a cached question and tells whether it went upstream. */
async function askedUpstream(): Promise<boolean> {
  const before = fake.count(dayRoute);
  await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date });
  return fake.count(dayRoute) > before;
}

describe('POST /v1/webhooks/timetap/{site}', () => {
  test('with the secret from the site config: 200 at once, and the cached availability is dropped', async () => {
    await askedUpstream();
    assert.equal(await askedUpstream(), false, 'cached before the webhook');
    const calls = fake.calls.length;
    const res = await post(`timetap-clinic?token=${secret}`, notification());
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal(fake.calls.length, calls, 'answered without calling TimeTap');
    assert.equal(await askedUpstream(), true);
  });

  test("a notification makes that appointment's reminder look at it again now (it may have moved or been cancelled)", async () => {
    await assertWebhookWakesReminder(db, 'timetap-clinic', { changed: booking.key, other: { calendarId: '999999999', clientId: '1' } }, () =>
      post(`timetap-clinic?token=${secret}`, notification()),
    );
  });

  test('the same notification again does the same harmless thing', async () => {
    for (let i = 0; i < 2; i += 1) {
      await askedUpstream();
      assert.equal((await post(`timetap-clinic?token=${secret}`, notification())).status, 200);
      assert.equal(await askedUpstream(), true);
    }
  });

  test('its body is only a hint: a notification saying "cancelled" cancels nothing', async () => {
    const res = await post(`timetap-clinic?token=${secret}`, { ...notification(), status: 'CANCELLED', subStatus: 'CANCELLED' });
    assert.equal(res.status, 200);
    assert.equal((await clinic.getBooking(booking.key)).status, 'confirmed', 'the booking is read from TimeTap');
  });

  test('a missing or wrong secret is 401 token_invalid and drops nothing', async () => {
    await askedUpstream();
    for (const path of ['timetap-clinic', 'timetap-clinic?token=guess', `timetap-clinic?token=${secret}x`]) {
      const res = await post(path, notification());
      assert.equal(res.status, 401, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'token_invalid');
    }
    assert.equal(await askedUpstream(), false);
  });

  test('unknown sites, sites without the secret set and bodies that are not JSON are refused in our error shape', async () => {
    const unknown = await post(`nowhere?token=${secret}`, notification());
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'unknown_site');
    assert.equal((await post(`timetap-clinic?token=${secret}`, '<html>')).status, 400);
    const plainApp = createApp({ ...appDepsOf() }, { webhooks: webhooksRouter(appDepsOf(), {}) });
    const res = await plainApp.request(`/v1/webhooks/timetap/timetap-clinic?token=${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 404, 'not set up: no secret in the environment');
  });

  test('the log names the appointment, never the secret', () => {
    const lines = log.lines.filter((l) => l['event'] === 'timetap_webhook');
    assert.ok(lines.some((l) => l['outcome'] === 'applied' && l['appointment'] === booking.key['calendarId']));
    assert.ok(lines.some((l) => l['outcome'] === 'bad_token'));
    assert.ok(!JSON.stringify(log.lines).includes(secret));
  });

  test('TimeTap itself posts to the URL when an appointment is made or cancelled', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    fake.webhookUrl = `http://127.0.0.1:${port}/v1/webhooks/timetap/timetap-clinic?token=${secret}`;
    try {
      const before = log.lines.length;
      await clinic.cancel(booking.key);
      // The fake posts the cancelled appointment (as TimeTap would) a moment after answering.
      for (let i = 0; i < 50 && !log.lines.slice(before).some((l) => l['event'] === 'timetap_webhook'); i += 1)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(log.lines.slice(before).some((l) => l['event'] === 'timetap_webhook' && l['appointment'] === booking.key['calendarId']));
    } finally {
      fake.webhookUrl = null;
      server.close();
    }
  });
});

function appDepsOf(): AppDeps {
  const sites = fakeSites(fake);
  return {
    sites: new Map([[sites.clinic.id, sites.clinic]]),
    providers: new Map([[sites.clinic.id, clinic]]),
    db,
    clock: systemClock,
    log,
    publicUrl: 'http://127.0.0.1:8787',
    secret: 'a-test-secret-of-at-least-thirty-two-characters',
  };
}
