import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookingResponse, catalogResponse, datesResponse, manageView, timesResponse } from '../../src/contract/index.ts';
import { addDays, todayIn } from '../../src/contract/plain-date.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';
import { fakeSites } from '../fakes/tor4you/sites.ts';
import { platformApi, type PlatformApi } from './helpers/platform-api.ts';
import { manageInit } from './helpers/manage.ts';

/** The whole /v1 path of a booking on Tor4You: the real app, a real database, the strict fake. */

const origin = 'https://clinic.example';
let fake: Tor4YouFake;
let api: PlatformApi;
let app: PlatformApi['app'];
let keyCount = 0;

before(async () => {
  fake = await startTor4YouFake();
  const sites = fakeSites(fake, { origins: [origin] });
  api = await platformApi([sites.slots, sites.open], sites.env, origin);
  app = api.app;
});
after(async () => {
  await api.close();
  await fake.close();
});

const sessionFor = (site: string) => api.session(site);

async function bookFirstTime(site: string, service: string, staff?: string) {
  const { token, site: info } = await sessionFor(site);
  const headers = { authorization: `Bearer ${token}`, origin };
  const today = todayIn('Asia/Jerusalem', new Date());
  const staffParam = staff ? `&staff=${staff}` : '';
  const dates = datesResponse.parse(
    await (await app.request(`/v1/availability/dates?service=${service}${staffParam}&from=${today}&to=${addDays(today, 20)}`, { headers })).json(),
  ).dates;
  assert.ok(dates.length > 0);
  const timesRes = await app.request(`/v1/availability/times?service=${service}${staffParam}&date=${dates[1]}`, { headers });
  const { times } = timesResponse.parse(await timesRes.json());
  const time = times[0]!;
  const key = `tor4you-api-${Date.now()}-${++keyCount}`;
  const book = () =>
    app.request('/v1/bookings', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ ref: time.ref, customer: { firstName: 'נועה', lastName: 'לוי', cell: '052-123-4567', email: 'noa@example.com' } }),
    });
  const res = await book();
  assert.equal(res.status, 201, await res.clone().text());
  return { info, time, booking: bookingResponse.parse(await res.json()).booking, again: book };
}

describe('booking on Tor4You through /v1', () => {
  test('a timeslots site: session, catalog, dates, times, one booking for a retried key, manage', async () => {
    const { info, time, booking, again } = await bookFirstTime('tor4you-slots', '7002');
    assert.deepEqual([info.name, info.calendar], ['קליניקה לדוגמה', 'slots']);
    const vfibs = fake.slots.slots.map((s) => s.vfib);
    assert.ok(!vfibs.some((v) => time.ref.includes(v)), 'the vfib never reaches the browser in clear');

    const addappts = fake.count('addappt');
    const retry = await again();
    assert.equal(retry.status, 201);
    assert.equal(bookingResponse.parse(await retry.json()).booking.id, booking.id);
    assert.equal(fake.count('addappt'), addappts, 'a retried Idempotency-Key does not call Tor4You again');

    const stored = fake.slots.appointments.at(-1)!;
    assert.equal(stored.from.slice(8, 12), booking.start.slice(11, 16).replace(':', ''));
    assert.equal(fake.slots.customers.find((c) => c.id === stored.customerId)?.cell, '0521234567', 'the cell in national form');

    const view = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    assert.equal(view.booking.service.name, 'פגישת ייעוץ');
    assert.equal(view.cancel.allowed, true);
    const coming = await app.request(
      '/v1/manage',
      manageInit(booking.manage, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ attendance: 'yes' }),
      }),
    );
    assert.equal(coming.status, 200, await coming.clone().text());
    assert.equal(stored.iscoming, 1);
    const cancel = await app.request('/v1/manage', manageInit(booking.manage, { method: 'DELETE', headers: { origin } }));
    assert.equal(cancel.status, 200, await cancel.clone().text());
    assert.equal(manageView.parse(await cancel.json()).booking.status, 'cancelled');
    assert.equal(stored.status, '0');
  });

  test('a group service on slots is offered with participants', async () => {
    const { token } = await sessionFor('tor4you-slots');
    const catalog = catalogResponse.parse(await (await app.request('/v1/catalog', { headers: { authorization: `Bearer ${token}`, origin } })).json());
    const group = catalog.services.find((s) => s.id === '7003')!;
    assert.deepEqual([group.groupBooking, group.maxParticipants], [true, 5]);
    assert.deepEqual(
      catalog.staff.map((s) => s.id),
      ['8001', '8002'],
    );
  });

  test('an open-calendar site with signed calls: book, then a service the business does not let customers cancel', async () => {
    const { info, booking } = await bookFirstTime('tor4you-open', '7102', '8101');
    assert.equal(info.calendar, 'open');
    assert.equal((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000, 90);
    const view = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    assert.deepEqual(view.cancel, { allowed: false, reason: 'service_not_cancellable' });
    const cancel = await app.request('/v1/manage', manageInit(booking.manage, { method: 'DELETE', headers: { origin } }));
    assert.equal(cancel.status, 409);
    assert.equal(fake.open.appointments.at(-1)!.status, '1');
    assert.ok(fake.calls.filter((c) => c.siteId === '5002').every((c) => c.auth === 'signed'));
  });
});
