import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiFailure } from '../../src/server/errors.ts';
import { bookInput, engineFixture, groupSlot, mondayClinic, type EngineFixture } from './helpers/engine.ts';

const NOW = '2026-11-30T06:00:00Z';
let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

/** Counts how many of the bookings went through; anything but slot_taken fails the test. */
async function outcomes(attempts: Promise<unknown>[]): Promise<{ booked: number; taken: number }> {
  const results = await Promise.allSettled(attempts);
  let booked = 0;
  let taken = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') booked++;
    else if (r.reason instanceof ApiFailure && r.reason.code === 'slot_taken') taken++;
    else throw r.reason;
  }
  return { booked, taken };
}

describe(`concurrent bookings (${process.env.BOOKWELL_TEST_PG_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('50 customers at once on a 5-place slot: exactly 5 get in', async () => {
    const { id, yoga, slot, config } = await groupSlot(f.engine.admin, 5);
    const a = f.engine.admin;
    const provider = f.engine.providerFor(config);
    const [time] = await provider.bookableTimes({ service: yoga, participants: 1, date: '2026-12-02' });
    const attempts = Array.from({ length: 50 }, (_, i) =>
      provider.book(bookInput(time!, yoga, { customer: { firstName: `P${i}`, lastName: 'X', cell: `06${String(10000000 + i)}` } })),
    );
    assert.deepEqual(await outcomes(attempts), { booked: 5, taken: 45 });
    assert.equal(await a.placesLeft(slot.id), 0);
    const active = (await a.appointments(id)).filter((x) => x.status === 'confirmed');
    assert.equal(
      active.reduce((sum, x) => sum + x.participants, 0),
      5,
    );
  });

  it('20 customers at once on one open time of one staff member: exactly 1 gets it', async () => {
    const { id, service: checkup, config } = await mondayClinic(f.engine.admin);
    const a = f.engine.admin;
    const provider = f.engine.providerFor(config);
    const [time] = await provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
    const attempts = Array.from({ length: 20 }, (_, i) =>
      provider.book(
        bookInput(time!, checkup, { customer: { firstName: 'Same', lastName: 'Person', cell: '0541234567' }, lang: i % 2 ? 'he' : 'en' }),
      ),
    );
    assert.deepEqual(await outcomes(attempts), { booked: 1, taken: 19 });
    assert.equal((await a.appointments(id)).length, 1);
    assert.equal((await a.customers(id)).length, 1);
  });

  it('20 customers at once on one open time with any of 3 staff free: exactly 3 get it, each with a different staff member', async () => {
    const { id, service: checkup, staff, config } = await mondayClinic(f.engine.admin, ['Avi', 'Rina', 'Dov']);
    const a = f.engine.admin;
    const provider = f.engine.providerFor(config);
    const [time] = await provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
    const attempts = Array.from({ length: 20 }, (_, i) =>
      provider.book(bookInput(time!, checkup, { customer: { firstName: `C${i}`, lastName: 'X', cell: `05${String(20000000 + i)}` } })),
    );
    assert.deepEqual(await outcomes(attempts), { booked: 3, taken: 17 });
    const booked = (await a.appointments(id)).filter((x) => x.status === 'confirmed');
    assert.deepEqual(new Set(booked.map((x) => x.staffId)), new Set(staff));
  });
});
