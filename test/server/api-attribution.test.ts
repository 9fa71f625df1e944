import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appWithSession, bookingCalls, goodCustomer } from './server-fixture.ts';

describe('where the visitor came from (utm_*, gclid, fbclid)', () => {
  const s = appWithSession();

  const { timeRef, book } = bookingCalls(s);

  it('reaches the platform with the booking', async () => {
    const attribution = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter', gclid: 'g-1', fbclid: 'f-2' };
    const res = await book({ ref: await timeRef('2026-12-03'), customer: goodCustomer, attribution });
    assert.equal(res.status, 201);
    assert.deepEqual(s.t.platform.lastInput?.attribution, attribution);
  });

  it('refuses a name that is not a campaign parameter, and over-long or control-character values, booking nothing', async () => {
    const before = s.t.platform.calls.book;
    for (const attribution of [{ utm_evil: 'x' }, { utm_source: 'x'.repeat(201) }, { gclid: 'a\u0000b' }, { utm_source: 5 }]) {
      const res = await book({ ref: await timeRef('2026-12-04'), customer: goodCustomer, attribution });
      assert.equal(res.status, 400, JSON.stringify(attribution));
      const { error } = (await res.json()) as { error: { code: string } };
      assert.match(error.code, /^invalid_(field|request)$/);
    }
    assert.equal(s.t.platform.calls.book, before);
  });
});
