import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookingResponse, catalogResponse, datesResponse, manageView, timesResponse } from '../../src/contract/index.ts';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';
import { fakeSites } from '../fakes/agendize/sites.ts';
import { platformApi, type PlatformApi } from './helpers/platform-api.ts';
import { manageInit } from './helpers/manage.ts';

/** The whole /v1 path of a booking on Agendize: the real app, a real database, the strict fake. */

const origin = 'https://salon.example';
let fake: AgendizeFake;
let api: PlatformApi;
let app: PlatformApi['app'];
let keyCount = 0;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  fake = await startAgendizeFake();
  const sites = fakeSites(fake, { origins: [origin] });
  api = await platformApi([sites.salon, sites.approval], sites.env, origin);
  app = api.app;
});
after(async () => {
  await api.close();
  await fake.close();
});

const sessionFor = (site: string) => api.session(site);

async function bookFirstTime(site: string, staff: string, skip: number) {
  const { token, site: info } = await sessionFor(site);
  const headers = { authorization: `Bearer ${token}`, origin };
  const dates = datesResponse.parse(
    await (await app.request(`/v1/availability/dates?service=2001&staff=${staff}&from=${day(0)}&to=${day(25)}`, { headers })).json(),
  ).dates;
  const { times } = timesResponse.parse(
    await (await app.request(`/v1/availability/times?service=2001&staff=${staff}&date=${dates[skip]}`, { headers })).json(),
  );
  const key = `agendize-api-${Date.now()}-${++keyCount}`;
  const book = () =>
    app.request('/v1/bookings', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        ref: times[0]!.ref,
        customer: { firstName: 'Hélène', lastName: 'Noël', cell: '06 12 34 56 78', email: 'helene@example.fr', notes: 'Cheveux longs' },
        lang: 'fr',
      }),
    });
  const res = await book();
  assert.equal(res.status, 201, await res.clone().text());
  return { info, headers, time: times[0]!, booking: bookingResponse.parse(await res.json()).booking, again: book };
}

describe('booking on Agendize through /v1', () => {
  test('session, catalog, a booking with its reference (once for a retried key), manage, "are you coming?", cancel', async () => {
    const { info, headers, time, booking, again } = await bookFirstTime('agendize-salon', '3001', 0);
    assert.deepEqual([info.name, info.timezone, info.attendance, info.calendar], ['Salon Hélène & Fils', 'Europe/Paris', true, 'slots']);
    const catalog = catalogResponse.parse(await (await app.request('/v1/catalog', { headers })).json());
    assert.deepEqual(
      catalog.staff.map((s) => s.name),
      ['Hélène Dupont', 'François Noël'],
    );

    const stored = fake.appointments.filter((a) => a.start === Date.parse(time.start));
    assert.equal(stored.length, 1);
    assert.deepEqual([booking.status, booking.reference, booking.start], ['confirmed', stored[0]!.reference, time.start]);
    const retried = await again();
    assert.equal(bookingResponse.parse(await retried.json()).booking.reference, booking.reference);
    assert.equal(fake.appointments.filter((a) => a.start === Date.parse(time.start)).length, 1, 'a retried key books nothing more');

    const manage = (init: RequestInit) => app.request('/v1/manage', manageInit(booking.manage, init));
    const view = manageView.parse(await (await manage({ headers: { origin } })).json());
    assert.deepEqual([view.cancel.allowed, view.attendance.allowed, view.booking.reference], [true, true, booking.reference]);
    assert.equal(view.cancelUntil, new Date(Date.parse(time.start) - 24 * 3_600_000).toISOString(), 'maxCancellationDelay before the start');
    const coming = await manage({
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ attendance: 'yes' }),
    });
    assert.equal(manageView.parse(await coming.json()).booking.attendance, 'yes');
    assert.equal(stored[0]!.customStatus, '501');
    const cancelled = manageView.parse(await (await manage({ method: 'DELETE', headers: { origin } })).json());
    assert.equal(cancelled.booking.status, 'cancelled');
    assert.equal(stored[0]!.status, 'cancelled');
  });

  test('an approval site: the booking waits for the business, and "are you coming?" is not offered', async () => {
    const { info, booking } = await bookFirstTime('agendize-approval', '3002', 1);
    assert.equal(info.attendance, false);
    assert.equal(booking.status, 'pending_approval');
    const view = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    assert.deepEqual([view.attendance.allowed, view.attendance.reason], [false, 'not_asked']);
  });
});
