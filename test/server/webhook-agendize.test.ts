import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { SiteConfig } from '../../src/server/config/sites.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { createAgendizeProvider } from '../../src/server/providers/agendize/adapter.ts';
import { registerWatch } from '../../src/server/providers/agendize/watch.ts';
import { withAvailabilityCache } from '../../src/server/providers/shared/availability-cache.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { webhooksRouter } from '../../src/server/providers/webhooks.ts';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';
import { fakeSites } from '../fakes/agendize/sites.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { assertWebhookWakesReminder } from './helpers/messages.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

let fake: AgendizeFake;
let db: Database;
let app: ReturnType<typeof createApp>;
let server: ServerType;
let salon: Provider;
let sites: ReturnType<typeof fakeSites>;
let publicUrl: string;
const log = memoryLog();
const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  fake = await startAgendizeFake();
  db = await migratedMemoryDatabase();
  sites = fakeSites(fake);
  // A long ttl: only a notification can make the cached answer go away during these tests.
  salon = withAvailabilityCache(createAgendizeProvider(sites.salon, { clock: systemClock, log, env: sites.env }), {
    ttlMs: 600_000,
    clock: systemClock,
  });
  const approval = withAvailabilityCache(createAgendizeProvider(sites.approval, { clock: systemClock, log, env: { ...sites.env } }), {
    ttlMs: 600_000,
    clock: systemClock,
  });
  const deps: AppDeps = {
    sites: new Map<string, SiteConfig>([
      [sites.salon.id, sites.salon],
      [
        sites.approval.id,
        { ...sites.approval, provider: { ...sites.approval.provider, webhookSecretEnv: 'UNSET_SECRET' } as SiteConfig['provider'] },
      ],
    ]),
    providers: new Map([
      [sites.salon.id, salon],
      [sites.approval.id, approval],
    ]),
    db,
    clock: systemClock,
    log,
    publicUrl: 'http://127.0.0.1:8787',
    secret: 'a-test-secret-of-at-least-thirty-two-characters',
  };
  app = createApp(deps, { webhooks: webhooksRouter(deps, sites.env) });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((ready) => server.once('listening', ready));
  publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((done) => server.close(done));
  await fake.close();
  await db.close();
});

/** Asks a cached question and tells whether it went upstream. */
async function askedUpstream(): Promise<boolean> {
  const before = fake.count('freeSlots');
  await salon.bookableDates({ service: '2001', participants: 1, from, to });
  return fake.count('freeSlots') > before;
}

async function until(test: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const basic = (password: string) => `Basic ${Buffer.from(`bookwell:${password}`).toString('base64')}`;
const post = (site: string, body: unknown, authorization?: string) =>
  app.request(`/v1/webhooks/agendize/${site}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const sample = { id: '4242', event: 'updated', date: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Paris' }, client: { firstName: 'Hélène' } };

describe('the Agendize watch', () => {
  test('the setup registers our address with HTTP Basic, and a change made in Agendize drops the cached availability', async () => {
    const watch = await registerWatch(sites.salon, { publicUrl, env: sites.env, log });
    assert.equal(watch.address, `${publicUrl}/v1/webhooks/agendize/agendize-salon`);
    const sent = fake.calls.find((c) => c.name === 'appointments.watch')!.body as Record<string, any>;
    assert.deepEqual(sent['basicAuth'], { username: 'bookwell', password: sites.env['AGENDIZE_WEBHOOK_SECRET'] });

    await askedUpstream();
    assert.equal(await askedUpstream(), false, 'cached before any change');
    // The business books someone in its own Agendize screen: Agendize posts "created".
    const other = createAgendizeProvider(sites.salon, { clock: systemClock, log, env: sites.env });
    const dates = await other.bookableDates({ service: '2001', participants: 1, from, to });
    const [time] = await other.bookableTimes({ service: '2001', participants: 1, date: dates[0]! });
    const applied = log.lines.filter((l) => l['outcome'] === 'applied').length;
    await other.book({
      service: '2001',
      staff: null,
      branch: null,
      start: time!.start,
      end: time!.end,
      hold: time!.hold,
      participants: 1,
      lang: 'fr',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
      customer: { firstName: 'Noël', lastName: 'Durand', cell: '0622222222' },
    });
    await until(() => log.lines.filter((l) => l['outcome'] === 'applied').length > applied, 'the notification');
    assert.equal(await askedUpstream(), true, 'the notification dropped the cache');
    assert.ok(!JSON.stringify(log.lines.filter((l) => l['event'] === 'agendize_webhook')).includes('Durand'), 'no customer data in the log');
  });

  test("a notification makes that appointment's reminder look at it again now (it may have moved or been cancelled)", async () => {
    await assertWebhookWakesReminder(
      db,
      'agendize-salon',
      { changed: { id: '5151', reference: 'R-5151' }, other: { id: '5252', reference: 'R-5252' } },
      () => post('agendize-salon', { ...sample, id: '5151' }, basic(sites.env['AGENDIZE_WEBHOOK_SECRET']!)),
    );
  });

  test('the same notification twice is applied once', async () => {
    assert.equal((await post('agendize-salon', sample, basic(sites.env['AGENDIZE_WEBHOOK_SECRET']!))).status, 200);
    await askedUpstream();
    const again = await post('agendize-salon', sample, basic(sites.env['AGENDIZE_WEBHOOK_SECRET']!));
    assert.deepEqual([again.status, await again.json()], [200, { status: 'ok' }]);
    assert.equal(await askedUpstream(), false, 'a duplicate does not drop the cache');
    assert.equal(log.lines.filter((l) => l['event'] === 'agendize_webhook').at(-1)!['outcome'], 'duplicate');
  });

  test('refuses a post without the password, with a wrong one, or that is not a notification', async () => {
    assert.equal((await post('agendize-salon', sample)).status, 401);
    assert.equal((await post('agendize-salon', sample, basic('wrong-password-of-some-length'))).status, 401);
    assert.equal((await post('agendize-salon', sample, `Bearer ${sites.env['AGENDIZE_WEBHOOK_SECRET']}`)).status, 401);
    assert.equal((await post('agendize-salon', { ...sample, event: 'exploded' }, basic(sites.env['AGENDIZE_WEBHOOK_SECRET']!))).status, 400);
    assert.equal((await post('agendize-salon', 'not json', basic(sites.env['AGENDIZE_WEBHOOK_SECRET']!))).status, 400);
  });

  test("a site without its secret set has no webhook; another platform's site is unknown here", async () => {
    assert.equal((await post('agendize-approval', sample, basic('x'))).status, 404);
    assert.equal((await post('nowhere', sample, basic('x'))).status, 404);
  });
});
