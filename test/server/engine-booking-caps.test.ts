/**
 * The booking caps' one statement (migration 207) under parallel bookings of one customer: on PostgreSQL (test:pg)
 * each runs on its own connection, and only the locks keep two of them from counting before either has written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../src/server/db/database.ts';
import { reserveWithinCaps } from '../../src/server/booking/caps.ts';
import { newSiteId, openTestDatabase } from './helpers/engine.ts';

const now = new Date('2027-03-01T08:00:00Z');
const caps = { perCellPerDay: 3, perEmailPerDay: 3, openPerCustomer: 5 };
const contact = (email?: string) => ({ firstName: 'Noa', lastName: 'Levi', cell: '+972501234567', email, lang: 'en' as const });

describe('booking caps in parallel', () => {
  let db: Database;
  before(async () => (db = await openTestDatabase()));
  after(() => db.close());

  const attempt = (site: string, n: number, email?: string) =>
    reserveWithinCaps(db, () => now, site, caps, { id: `${site}-${n}`, contact: contact(email), start: '2027-03-05T09:00:00Z' }).then(
      () => 'reserved',
      (error: Error & { code?: string }) => error.code ?? error.message,
    );
  const records = async (site: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM booking_records WHERE site_id = $1', [site]))[0]!.n;

  it('lets exactly three of twelve parallel bookings of one mobile number through, and writes only their records', async () => {
    const site = newSiteId('caps-parallel');
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, n) => attempt(site, n)));
    assert.equal(outcomes.filter((o) => o === 'reserved').length, 3, outcomes.join(', '));
    assert.equal(outcomes.filter((o) => o === 'booking_limit').length, 9, outcomes.join(', '));
    assert.equal(await records(site), 3);
  });

  it('counts an e-mail address whatever its case, and a retry of a reserved booking is not counted twice', async () => {
    const site = newSiteId('caps-email');
    const mixed = ['Noa@Example.com', 'noa@example.COM', 'NOA@EXAMPLE.COM', 'noa@example.com'];
    // Different numbers, one address: the e-mail cap of three holds.
    const outcomes = await Promise.all(
      mixed.map((email, n) =>
        reserveWithinCaps(db, () => now, site, caps, {
          id: `${site}-${n}`,
          contact: { ...contact(email), cell: `+97250123450${n}` },
          start: '2027-03-05T09:00:00Z',
        }).then(
          () => 'reserved',
          (error: Error & { code?: string }) => error.code ?? error.message,
        ),
      ),
    );
    assert.deepEqual(outcomes.filter((o) => o === 'reserved').length, 3, outcomes.join(', '));
    const reserved = outcomes.findIndex((o) => o === 'reserved');
    // The same booking again (its own record is not counted against it): still within the caps, still one record.
    const again = await reserveWithinCaps(db, () => now, site, caps, {
      id: `${site}-${reserved}`,
      contact: { ...contact(mixed[reserved]), cell: `+97250123450${reserved}` },
      start: '2027-03-05T09:00:00Z',
    }).then(
      () => 'reserved',
      (error: Error & { code?: string }) => error.code ?? error.message,
    );
    assert.equal(again, 'reserved');
    assert.equal(await records(site), 3);
  });
});
