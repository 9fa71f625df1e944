import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookingResponse, datesResponse, manageView, sessionResponse, timesResponse } from '../../src/contract/index.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { amsterdamToday } from '../fakes/onlineafspraken/helpers.ts';
import { startOnlineAfsprakenFake, type OnlineAfsprakenFake } from '../fakes/onlineafspraken/server.ts';
import { fakeSites } from '../fakes/onlineafspraken/sites.ts';
import { platformApi, type PlatformApi } from './helpers/platform-api.ts';
import { manageInit } from './helpers/manage.ts';

/** The whole /v1 path on OnlineAfspraken: the real app and provider wiring, a real database, the strict fake. */

const origin = 'https://kapsalon.example';
let fake: OnlineAfsprakenFake;
let api: PlatformApi;
let app: PlatformApi['app'];
let keys = 0;

before(async () => {
  fake = await startOnlineAfsprakenFake();
  const sites = fakeSites(fake, { origins: [origin] });
  api = await platformApi([sites.salon, sites.fysio], sites.env, origin);
  app = api.app;
});
after(async () => {
  await api.close();
  await fake.close();
});

async function book(site: string, service: string, skipDays: number) {
  const res = await app.request('/v1/session', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ site }),
  });
  const session = sessionResponse.parse(await res.json());
  const headers = { authorization: `Bearer ${session.token}`, origin };
  const from = addDays(amsterdamToday(), skipDays);
  const { dates } = datesResponse.parse(
    await (await app.request(`/v1/availability/dates?service=${service}&from=${from}&to=${addDays(from, 20)}`, { headers })).json(),
  );
  const { times } = timesResponse.parse(await (await app.request(`/v1/availability/times?service=${service}&date=${dates[0]}`, { headers })).json());
  const key = `oa-api-${Date.now()}-${++keys}`;
  const post = () =>
    app.request('/v1/bookings', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        ref: times[0]!.ref,
        lang: 'nl',
        customer: { firstName: 'Sanne', lastName: 'Visser', cell: '06 1234 5678', email: 'sanne@example.nl', notes: 'Alleen punten' },
      }),
    });
  const first = await post();
  assert.equal(first.status, 201, await first.clone().text());
  return { session, headers, booking: bookingResponse.parse(await first.json()).booking, again: post };
}

describe('booking on OnlineAfspraken through /v1', () => {
  test('the session says: no "are you coming?"; a booking waits for its code; a retried key books once; the code confirms', async () => {
    const { session, headers, booking, again } = await book('oa-salon', '101', 3);
    assert.deepEqual(
      [session.site.name, session.site.attendance, session.site.confirmation, session.site.codeResend],
      ['Kapsalon Amstel', false, 'code', false],
    );
    assert.equal(booking.status, 'pending_code');
    const sets = fake.count('setAppointment');
    assert.equal(bookingResponse.parse(await (await again()).json()).booking.id, booking.id);
    assert.equal(fake.count('setAppointment'), sets);
    assert.equal(fake.salon.customers.at(-1)!.MobilePhone, '0612345678', 'the mobile number in national form');

    const wrong = await app.request(`/v1/bookings/${booking.id}/confirm`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '000000' }),
    });
    assert.deepEqual([wrong.status, ((await wrong.json()) as { error: { code: string } }).error.code], [422, 'code_wrong']);
    const appt = fake.salon.appointments.at(-1)!;
    const right = await app.request(`/v1/bookings/${booking.id}/confirm`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ code: appt.code }),
    });
    assert.equal(right.status, 200, await right.clone().text());
    assert.equal(bookingResponse.parse(await right.json()).booking.status, 'confirmed');

    const view = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    assert.deepEqual(view.attendance, { allowed: false, reason: 'not_asked' });
    assert.deepEqual([view.cancel, view.cancelUntil], [{ allowed: true }, null], 'the platform keeps the deadline: none is shown');
    const coming = await app.request(
      '/v1/manage',
      manageInit(booking.manage, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ attendance: 'yes' }),
      }),
    );
    assert.equal(coming.status, 409);
    const cancel = await app.request('/v1/manage', manageInit(booking.manage, { method: 'DELETE', headers: { origin } }));
    assert.equal(cancel.status, 200, await cancel.clone().text());
    assert.equal(manageView.parse(await cancel.json()).booking.status, 'cancelled');
    assert.equal(appt.Status, '2');
  });

  test('inside the platform’s cancel deadline the manage view says so in advance, and a cancel is refused', async () => {
    const { booking } = await book('oa-salon', '102', 1);
    const view = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    // Pending bookings cannot be cancelled by our own rules: confirm it first, as the customer would.
    assert.deepEqual(view.cancel, { allowed: false, reason: 'pending' });
    const appt = fake.salon.appointments.at(-1)!;
    appt.Label = '2';
    const confirmed = manageView.parse(await (await app.request('/v1/manage', manageInit(booking.manage, { headers: { origin } }))).json());
    assert.deepEqual(confirmed.cancel, { allowed: false, reason: 'too_late' });
    const cancel = await app.request('/v1/manage', manageInit(booking.manage, { method: 'DELETE', headers: { origin } }));
    assert.equal(cancel.status, 409);
    assert.equal(appt.Status, '1', 'still booked');
  });

  test('availability answers are shared for a moment and dropped after a booking', async () => {
    const { headers } = await book('oa-fysio', '201', 2);
    const date = addDays(amsterdamToday(), 4);
    const before = fake.count('getBookableTimes', fake.fysio);
    await Promise.all([1, 2, 3].map(() => app.request(`/v1/availability/times?service=201&date=${date}`, { headers })));
    assert.equal(fake.count('getBookableTimes', fake.fysio) - before, 1, 'three widgets, one upstream call');
    await book('oa-fysio', '201', 2);
    const afterBooking = fake.count('getBookableTimes', fake.fysio);
    await app.request(`/v1/availability/times?service=201&date=${date}`, { headers });
    assert.equal(fake.count('getBookableTimes', fake.fysio) - afterBooking, 1, 'asked again after the booking');
  });
});
