import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appWithSession, bookingCalls, goodCustomer, newKey, session, testSites } from './server-fixture.ts';

describe('booking caps and the honeypot', () => {
  const s = appWithSession(() => {
    // Two bookings a day per mobile or e-mail, three open: small so the test reaches them.
    const sites = testSites().map((site) => ({ ...site, caps: { perCellPerDay: 2, perEmailPerDay: 2, openPerCustomer: 3 } }));
    return { sites: new Map(sites.map((site) => [site.id, site])) };
  });

  const { timeRef, book, errorOf } = bookingCalls(s);

  it('refuses the third booking of one mobile in a day, still answers a replay, and lets another customer book', async () => {
    const noa = { ...goodCustomer, email: 'noa@example.com' };
    const firstKey = newKey();
    const first = { ref: await timeRef('2026-12-03'), customer: noa };
    assert.equal((await book(first, firstKey)).status, 201);
    assert.equal((await book({ ref: await timeRef('2026-12-04'), customer: { ...noa, email: 'noa2@example.com' } })).status, 201);

    // The same mobile in its national form with another e-mail: still the same customer.
    const third = await book({ ref: await timeRef('2026-12-05'), customer: { ...noa, cell: '0501234567', email: 'noa3@example.com' } });
    assert.equal(third.status, 429);
    const error = await errorOf(third);
    assert.equal(error.code, 'booking_limit');
    assert.match(error.message, /mobile number/);
    assert.equal(s.t.platform.bookings.size, 2, 'nothing booked over the cap');

    const replay = await book(first, firstKey);
    assert.equal(replay.status, 201, 'a replay of a booking already made is never refused');
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');

    const other = await book({ ref: await timeRef('2026-12-05'), customer: { ...goodCustomer, cell: '052-7654321', email: 'dan@example.com' } });
    assert.equal(other.status, 201, 'another customer still books');

    s.t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    s.token = await session(s.t);
    assert.equal((await book({ ref: await timeRef('2026-12-06'), customer: noa })).status, 201, 'a day later the daily cap is free again');
    const fourth = await book({ ref: await timeRef('2026-12-07'), customer: { ...noa, email: 'noa4@example.com' } });
    assert.equal(fourth.status, 429, 'but three bookings to come is the most');
    assert.match((await errorOf(fourth)).message, /bookings to come/);
  });

  it('lets exactly the cap through when one mobile number books in parallel with different keys', async () => {
    const dan = { ...goodCustomer, cell: '054-2222222', email: 'dan.parallel@example.com' };
    const dates = ['2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15', '2026-12-16'];
    const refs = await Promise.all(dates.map((d) => timeRef(d)));
    const before = s.t.platform.bookings.size;
    const answers = await Promise.all(refs.map((ref, i) => book({ ref, customer: { ...dan, email: `dan.parallel${i}@example.com` } })));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 201, 429, 429, 429, 429], 'two a day for one mobile number, however the requests interleave');
    assert.equal(s.t.platform.bookings.size - before, 2, 'the platform got exactly two');
  });

  it('refuses a request whose hidden field is filled, without naming it, and books nothing', async () => {
    const before = s.t.platform.calls.book;
    const res = await book({
      ref: await timeRef('2026-12-10'),
      customer: { ...goodCustomer, cell: '053-1111111', email: 'bot@example.com' },
      website: 'http://spam.example',
    });
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.field, undefined);
    assert.equal(s.t.platform.calls.book, before);
  });
});
