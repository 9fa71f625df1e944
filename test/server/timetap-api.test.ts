import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookingResponse, catalogResponse, datesResponse, manageView, sessionResponse, timesResponse } from '../../src/contract/index.ts';
import { addDays, todayIn } from '../../src/contract/plain-date.ts';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';
import { fakeSites } from '../fakes/timetap/sites.ts';
import { platformApi, type PlatformApi } from './helpers/platform-api.ts';
import { manageInit } from './helpers/manage.ts';

/** The whole /v1 path of a booking on TimeTap: the real app, a real database, the strict fake. */

const origin = 'https://midtown.example';
let fake: TimeTapFake;
let api: PlatformApi;
let app: PlatformApi['app'];

before(async () => {
  fake = await startTimeTapFake();
  const sites = fakeSites(fake, { origins: [origin] });
  api = await platformApi([sites.clinic, sites.approval], sites.env, origin);
  app = api.app;
});
after(async () => {
  await api.close();
  await fake.close();
});

async function get(path: string, token: string) {
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}`, origin } });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

describe('/v1 on a TimeTap site', () => {
  test('books once for a repeated Idempotency-Key, shows it, answers "are you coming?" and cancels', async () => {
    const session = await app.request('/v1/session', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'timetap-clinic' }),
    });
    const { token, site } = sessionResponse.parse(await session.json());
    assert.equal(site.timezone, 'America/New_York');
    const catalog = catalogResponse.parse(await get('/v1/catalog', token));
    assert.deepEqual(
      catalog.branches.map((b) => b.id),
      ['501', '502'],
    );
    const today = todayIn('America/New_York', new Date());
    const { dates } = datesResponse.parse(
      await get(`/v1/availability/dates?service=601&staff=702&branch=501&from=${addDays(today, 2)}&to=${addDays(today, 20)}`, token),
    );
    const { times } = timesResponse.parse(await get(`/v1/availability/times?service=601&staff=702&branch=501&date=${dates[0]}`, token));
    assert.equal(times[0]!.start.slice(11, 16), '09:00', "James's 8:00 in Chicago");

    const request = () =>
      app.request('/v1/bookings', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json', 'idempotency-key': 'timetap-api-test-key-1' },
        body: JSON.stringify({
          ref: times[0]!.ref,
          customer: { firstName: 'Ruth', lastName: 'Adams', cell: '(212) 555-0177', email: 'ruth@example.com' },
        }),
      });
    const [first, again] = [await request(), await request()];
    assert.equal(first.status, 201, await first.clone().text());
    const { booking } = bookingResponse.parse(await first.json());
    assert.deepEqual(bookingResponse.parse(await again.json()).booking.id, booking.id);
    assert.equal(fake.business.appointments.filter((a) => a.clientId === fake.business.clients.at(-1)!.clientId).length, 1, 'one appointment');
    assert.equal(fake.business.clients.at(-1)!.cellPhone, '2125550177', 'the number in national form');

    const manage = (method: string, body?: object) =>
      app.request(
        '/v1/manage',
        manageInit(booking.manage, {
          method,
          headers: { origin, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }),
      );
    const view = manageView.parse(await (await manage('GET')).json());
    assert.deepEqual([view.booking.status, view.attendance.allowed, view.cancel.allowed], ['confirmed', true, true]);
    const answered = manageView.parse(await (await manage('POST', { attendance: 'yes' })).json());
    assert.equal(answered.booking.attendance, 'yes');
    const cancelled = await manage('DELETE');
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    assert.equal(manageView.parse(await cancelled.json()).booking.status, 'cancelled');
  });
});
