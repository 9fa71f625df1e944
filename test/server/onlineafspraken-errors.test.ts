import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import { siteConfig, type SiteConfig } from '../../src/server/config/sites.ts';
import { createOnlineAfsprakenProvider } from '../../src/server/providers/onlineafspraken/adapter.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { bookInput, firstTime } from '../fakes/onlineafspraken/helpers.ts';
import { startOnlineAfsprakenFake, type OnlineAfsprakenFake } from '../fakes/onlineafspraken/server.ts';
import { fakeSites } from '../fakes/onlineafspraken/sites.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';

let fake: OnlineAfsprakenFake;
let sites: ReturnType<typeof fakeSites>;
let log: ReturnType<typeof memoryLog>;

before(async () => {
  fake = await startOnlineAfsprakenFake();
  sites = fakeSites(fake, { timeoutMs: 600 });
});
after(() => fake.close());

function provider(site: SiteConfig = sites.salon, env: NodeJS.ProcessEnv = sites.env): Provider {
  log = memoryLog();
  return createOnlineAfsprakenProvider(site, { clock: systemClock, log, env });
}
function withProvider(site: SiteConfig, change: Record<string, unknown>): SiteConfig {
  return siteConfig.parse({ ...site, provider: { ...site.provider, ...change } });
}

describe('OnlineAfspraken failures, as our error codes', () => {
  test('a wrong secret is upstream_auth (an HTTP 200 with a failed status), and the secret is never logged', async () => {
    const p = provider(sites.salon, { ...sites.env, OA_SALON_SECRET: 'not-the-secret' });
    await assert.rejects(p.catalog(), { code: 'upstream_auth' });
    assert.equal(fake.calls.at(-1)!.refused, 'Invalid signature');
    const logged = JSON.stringify(log.lines);
    assert.ok(!logged.includes('not-the-secret') && !logged.includes(fake.salon.key));
  });

  test('the wrong hash for the account (SHA256 on a SHA1 account) is upstream_auth', async () => {
    await assert.rejects(provider(withProvider(sites.salon, { signature: 'sha256' })).site(), { code: 'upstream_auth' });
  });

  test('a server clock 10 minutes behind ours: the first salt is refused, its Timestamp corrects the clock, the call goes through', async () => {
    fake.skewSeconds = -600;
    try {
      const p = provider();
      const before = fake.calls.length;
      assert.equal((await p.site()).name, 'Kapsalon Amstel');
      const tries = fake.calls.slice(before);
      assert.deepEqual(
        tries.map((c) => c.refused ?? 'ok'),
        ['Invalid api_salt: later than server time', 'ok'],
      );
      // Later calls use the corrected clock at once.
      await p.catalog();
      assert.ok(fake.calls.slice(before + 2).every((c) => !c.refused));
    } finally {
      fake.skewSeconds = 0;
    }
  });

  test('a server clock 10 minutes ahead: the salt is stale at first, then corrected', async () => {
    fake.skewSeconds = 600;
    try {
      const before = fake.calls.length;
      await provider().site();
      assert.deepEqual(
        fake.calls.slice(before).map((c) => c.refused ?? 'ok'),
        ['Invalid api_salt: expired', 'ok'],
      );
    } finally {
      fake.skewSeconds = 0;
    }
  });

  test('"Geen vrij tijdslot voor afspraak." is slot_taken; another refusal is upstream_error with the words in the log only', async () => {
    const p = provider();
    const time = await firstTime(p, '101');
    fake.failNext('setAppointment', { kind: 'refuse', message: 'Geen vrij tijdslot voor afspraak.' });
    await assert.rejects(p.book(bookInput(time, '101')), { code: 'slot_taken' });
    fake.failNext('setAppointment', { kind: 'refuse', message: 'Er is een onbekende fout opgetreden (E42).' });
    await assert.rejects(
      p.book(bookInput(time, '101')),
      (error: Error & { code: string }) => error.code === 'upstream_error' && !error.message.includes('E42'),
    );
    assert.ok(log.lines.some((l) => String(l['upstreamMessage']).includes('E42')));
  });

  test('no answer in time is upstream_unavailable; so is an HTTP 503; an HTML page with 200 is upstream_error', async () => {
    const p = provider();
    fake.failNext('getAgenda', { kind: 'hang' });
    await assert.rejects(p.site(), { code: 'upstream_unavailable' });
    fake.failNext('getAppointmentTypes', { kind: 'http', status: 503 });
    await assert.rejects(p.catalog(), { code: 'upstream_unavailable' });
    fake.failNext('getAppointmentTypes', { kind: 'garbage' });
    await assert.rejects(p.catalog(), { code: 'upstream_error' });
    assert.equal((await p.catalog()).services.length, 3, 'a failure is not remembered');
  });

  test('a setAppointment whose answer is lost: the booking it made is found, not made again', async () => {
    const p = provider();
    const time = await firstTime(p, '102');
    fake.failNext('setAppointment', { kind: 'lost' });
    const before = fake.salon.appointments.length;
    const sets = fake.count('setAppointment');
    const booking = await p.book(
      bookInput(time, '102', { customer: { firstName: 'Lot', lastName: 'Verloren', cell: '0644444444', email: 'lot@example.nl', notes: 'x' } }),
    );
    assert.equal(fake.salon.appointments.length, before + 1);
    assert.equal(booking.key['id'], fake.salon.appointments.at(-1)!.Id);
    assert.equal(fake.count('setAppointment') - sets, 1, 'the lost call was not sent again');
    assert.ok(log.lines.some((l) => l['outcome'] === 'recovered_after_timeout'));
  });

  test('a resumed retry after a crash finds the booking of the first attempt, by the same customer (no second customer either)', async () => {
    const p = provider();
    const time = await firstTime(p, '101', '188');
    const input = bookInput(time, '101', {
      customer: { firstName: 'Kees', lastName: 'Crash', cell: '0655555555', email: 'kees@example.nl', notes: 'x' },
    });
    const first = await p.book(input);
    const customers = fake.salon.customers.length;
    const sets = fake.count('setAppointment');
    const again = await p.book({ ...input, resumed: true });
    assert.deepEqual(again.key, first.key);
    assert.equal(fake.count('setAppointment'), sets, 'no second setAppointment');
    assert.equal(fake.salon.customers.length, customers);
  });

  test('a resumed retry whose first attempt never booked books now', async () => {
    const p = provider();
    const time = await firstTime(p, '101', '187');
    const booking = await p.book(
      bookInput(time, '101', {
        resumed: true,
        customer: { firstName: 'Nog', lastName: 'Niet', cell: '0666666666', email: 'nog@example.nl', notes: 'x' },
      }),
    );
    assert.equal(booking.status, 'pending_code');
  });

  test('a required platform field the site cannot fill stops booking with a clear log line, before anything is sent', async () => {
    const p = provider(withProvider(sites.salon, { fields: {} }));
    const time = await firstTime(p, '101');
    const sets = fake.count('setAppointment');
    await assert.rejects(p.book(bookInput(time, '101')), { code: 'upstream_error' });
    assert.equal(fake.count('setAppointment'), sets);
    const line = log.lines.find((l) => l['outcome'] === 'fields_not_asked');
    assert.match(String((line?.['problems'] as string[])[0]), /Toelichting.*not in "fields"/);
  });

  test('a site that does not require e-mail stops the start: setCustomer needs it', () => {
    const site = siteConfig.parse({ ...sites.fysio, customerFields: [{ name: 'email', required: false }] });
    assert.throws(() => provider(site), /needs every customer's e-mail address/);
    assert.throws(() => provider(sites.salon, {}), /OA_SALON_KEY is not set/);
  });
});
