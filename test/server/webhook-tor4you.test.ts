import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { withAvailabilityCache } from '../../src/server/providers/shared/availability-cache.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { createTor4YouProvider } from '../../src/server/providers/tor4you/adapter.ts';
import { webhooksRouter } from '../../src/server/providers/webhooks.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';
import { fakeSites, memoryLog } from '../fakes/tor4you/sites.ts';
import { assertWebhookWakesReminder } from './helpers/messages.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

let fake: Tor4YouFake;
let db: Database;
let app: ReturnType<typeof createApp>;
let slots: Provider;
let date: string;
let apptId: string;
const log = memoryLog();

before(async () => {
  fake = await startTor4YouFake();
  db = await migratedMemoryDatabase();
  const sites = fakeSites(fake);
  const deps = { clock: systemClock, log, env: sites.env };
  // A long ttl: only a webhook can make the cached answer go away during these tests.
  slots = withAvailabilityCache(createTor4YouProvider(sites.slots, deps), { ttlMs: 600_000, clock: systemClock });
  const open = withAvailabilityCache(createTor4YouProvider(sites.open, deps), { ttlMs: 600_000, clock: systemClock });
  const appDeps: AppDeps = {
    sites: new Map([
      [sites.slots.id, sites.slots],
      [sites.open.id, sites.open],
    ]),
    providers: new Map([
      [sites.slots.id, slots],
      [sites.open.id, open],
    ]),
    db,
    clock: systemClock,
    log,
    publicUrl: 'http://127.0.0.1:8787',
    secret: 'a-test-secret-of-at-least-thirty-two-characters',
  };
  app = createApp(appDeps, { webhooks: webhooksRouter(appDeps, sites.env) });

  const first = fake.slots.slots[24]!.from;
  date = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6, 8)}`;
  const [time] = await slots.bookableTimes({ service: '7002', participants: 1, date });
  const booking = await slots.book({
    service: '7002',
    staff: null,
    branch: null,
    start: time!.start,
    end: time!.end,
    hold: time!.hold,
    participants: 1,
    lang: 'he',
    idempotencyKey: crypto.randomUUID(),
    resumed: false,
    customer: { firstName: 'משה', lastName: 'כהן', cell: '0555555555' },
  });
  apptId = booking.key['apptId']!;
});
after(async () => {
  await fake.close();
  await db.close();
});

const post = (site: string, body: unknown) =>
  app.request(`/v1/webhooks/tor4you/${site}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Asks a cached question and tells whether it went upstream. */
async function askedUpstream(): Promise<boolean> {
  const before = fake.count('availability');
  await slots.bookableTimes({ service: '7002', participants: 1, date });
  return fake.count('availability') > before;
}

describe('POST /v1/webhooks/tor4you/{site}', () => {
  test('a signed notification is answered 200 and drops the cached availability', async () => {
    await askedUpstream();
    assert.equal(await askedUpstream(), false, 'cached before the webhook');
    const notification = fake.webhookFor(fake.slots, apptId, 3);
    const res = await post('tor4you-slots', notification);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal(await askedUpstream(), true);
    const rows = await db.query<{ action: string; appointment_id: string }>(
      'SELECT action, appointment_id FROM tor4you_webhook_events WHERE site_id = $1 AND notification_id = $2',
      ['tor4you-slots', notification['id']],
    );
    assert.deepEqual(rows, [{ action: '3', appointment_id: apptId }]);
  });

  test("an update makes the appointment's reminder look at it again now (it may have moved)", async () => {
    await assertWebhookWakesReminder(db, 'tor4you-slots', { changed: { apptId, vfib: 'v' }, other: { apptId: '999999', vfib: 'v' } }, () =>
      post('tor4you-slots', fake.webhookFor(fake.slots, apptId, 2)),
    );
  });

  test('the same notification again (a retry) is answered 200 and applied once', async () => {
    const notification = fake.webhookFor(fake.slots, apptId, 2);
    assert.equal((await post('tor4you-slots', notification)).status, 200);
    await askedUpstream();
    const retry = await post('tor4you-slots', notification);
    assert.equal(retry.status, 200);
    assert.equal(await askedUpstream(), false, 'a retry does not empty the cache again');
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tor4you_webhook_events WHERE notification_id = $1', [
      notification['id'],
    ]);
    assert.equal(row!.n, 1);
  });

  test('a wrong signature is 401 token_invalid and changes nothing', async () => {
    await askedUpstream();
    const notification = fake.webhookFor(fake.slots, apptId, 1);
    const forged = {
      ...notification,
      sh: createHash('sha256')
        .update(notification['id'] + 'guessed-key')
        .digest('hex'),
    };
    const res = await post('tor4you-slots', forged);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'token_invalid');
    // Signed with the other site's key: valid for that site, not for this one.
    const otherSite = {
      ...notification,
      sh: createHash('sha256')
        .update(notification['id'] + fake.open.credentials.webhookKey)
        .digest('hex'),
    };
    assert.equal((await post('tor4you-slots', otherSite)).status, 401);
    assert.equal(await askedUpstream(), false);
    const rows = await db.query('SELECT 1 FROM tor4you_webhook_events WHERE notification_id = $1', [notification['id']]);
    assert.equal(rows.length, 0);
  });

  test('unknown sites and bodies that are not notifications are refused with our error shape', async () => {
    const notification = fake.webhookFor(fake.slots, apptId, 1);
    const unknown = await post('no-such-site', notification);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'unknown_site');
    assert.equal((await post('tor4you-slots', 'not json')).status, 400);
    assert.equal((await post('tor4you-slots', { id: '1' })).status, 400);
  });

  test('the log tells what happened without the customer details', () => {
    const lines = log.lines.filter((l) => l['event'] === 'tor4you_webhook');
    assert.ok(lines.some((l) => l['outcome'] === 'applied' && l['appointment'] === apptId));
    assert.ok(lines.some((l) => l['outcome'] === 'duplicate'));
    assert.ok(lines.some((l) => l['outcome'] === 'bad_signature'));
    const text = JSON.stringify(log.lines);
    for (const personal of ['משה', 'כהן', '0555555555', fake.slots.credentials.webhookKey]) assert.ok(!text.includes(personal), personal);
  });

  test('what the fake Tor4You posts after a booking reaches the server over HTTP and is applied', async () => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((ready) => server.once('listening', () => ready()));
    const { port } = server.address() as AddressInfo;
    fake.webhookUrls.set(fake.slots, `http://127.0.0.1:${port}/v1/webhooks/tor4you/tor4you-slots`);
    try {
      const [time] = await slots.bookableTimes({ service: '7002', participants: 1, date });
      const booking = await slots.book({
        service: '7002',
        staff: null,
        branch: null,
        start: time!.start,
        end: time!.end,
        hold: time!.hold,
        participants: 1,
        lang: 'he',
        idempotencyKey: crypto.randomUUID(),
        resumed: false,
        customer: { firstName: 'משה', lastName: 'כהן', cell: '0555555555' },
      });
      let rows: unknown[] = [];
      for (let i = 0; i < 50 && rows.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        rows = await db.query("SELECT 1 FROM tor4you_webhook_events WHERE appointment_id = $1 AND action = '1'", [booking.key['apptId']]);
      }
      assert.equal(rows.length, 1);
    } finally {
      fake.webhookUrls.delete(fake.slots);
      await new Promise((done) => server.close(done));
    }
  });
});
