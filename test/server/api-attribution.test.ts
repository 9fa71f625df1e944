import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { timesResponse } from '../../src/contract/index.ts';
import { authed, goodCustomer, pageOrigin, session, testApp, type TestApp } from './server-fixture.ts';

let keyCount = 0;
const newKey = () => `attribution-${++keyCount}-key`;

describe('where the visitor came from (utm_*, gclid, fbclid)', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await testApp();
    token = await session(t);
  });
  after(() => t.close());

  const timeRef = async (date: string) => {
    const res = await t.app.request(`/v1/availability/times?service=group&date=${date}`, { headers: authed(token, pageOrigin) });
    return timesResponse.parse(await res.json()).times[0]!.ref;
  };
  const book = async (body: unknown) =>
    t.app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': newKey() }),
      body: JSON.stringify(body),
    });

  it('reaches the platform with the booking', async () => {
    const attribution = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter', gclid: 'g-1', fbclid: 'f-2' };
    const res = await book({ ref: await timeRef('2026-12-03'), customer: goodCustomer, attribution });
    assert.equal(res.status, 201);
    assert.deepEqual(t.platform.lastInput?.attribution, attribution);
  });

  it('refuses a name that is not a campaign parameter, and over-long or control-character values, booking nothing', async () => {
    const before = t.platform.calls.book;
    for (const attribution of [{ utm_evil: 'x' }, { utm_source: 'x'.repeat(201) }, { gclid: 'a\u0000b' }, { utm_source: 5 }]) {
      const res = await book({ ref: await timeRef('2026-12-04'), customer: goodCustomer, attribution });
      assert.equal(res.status, 400, JSON.stringify(attribution));
      const { error } = (await res.json()) as { error: { code: string } };
      assert.match(error.code, /^invalid_(field|request)$/);
    }
    assert.equal(t.platform.calls.book, before);
  });
});
