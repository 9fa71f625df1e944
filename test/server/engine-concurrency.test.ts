import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiFailure } from '../../src/server/errors.ts';
import { bookInput, engineFixture, newSiteId, siteConfig, type EngineFixture } from './helpers/engine.ts';

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
    const id = newSiteId('studio');
    const a = f.engine.admin;
    await a.addSite({ id, name: 'Studio', calendar: 'slots' });
    const sanne = await a.addStaff(id, { name: 'Sanne', showorder: 1 });
    const yoga = await a.addService(id, { name: 'Yoga', duration: 60, staffIds: [sanne] });
    const slot = (await a.addSlot(id, {
      staffId: sanne,
      serviceId: yoga,
      from: '2026-12-02T09:00:00+01:00',
      to: '2026-12-02T10:00:00+01:00',
      maxmembers: 5,
    }))!;
    const provider = f.engine.providerFor(siteConfig(id, { timezone: 'Europe/Amsterdam' }));
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
    const id = newSiteId('clinic');
    const a = f.engine.admin;
    await a.addSite({ id, name: 'Clinic', calendar: 'open' });
    const avi = await a.addStaff(id, { name: 'Avi', showorder: 1 });
    await a.addHours(avi, { weekday: 1, from: '09:00', to: '12:00' });
    const checkup = await a.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: [avi] });
    const provider = f.engine.providerFor(siteConfig(id));
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
    const id = newSiteId('clinic');
    const a = f.engine.admin;
    await a.addSite({ id, name: 'Clinic', calendar: 'open' });
    const staff = [];
    for (const name of ['Avi', 'Rina', 'Dov']) {
      const member = await a.addStaff(id, { name, showorder: 1 });
      await a.addHours(member, { weekday: 1, from: '09:00', to: '12:00' });
      staff.push(member);
    }
    const checkup = await a.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: staff });
    const provider = f.engine.providerFor(siteConfig(id));
    const [time] = await provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
    const attempts = Array.from({ length: 20 }, (_, i) =>
      provider.book(bookInput(time!, checkup, { customer: { firstName: `C${i}`, lastName: 'X', cell: `05${String(20000000 + i)}` } })),
    );
    assert.deepEqual(await outcomes(attempts), { booked: 3, taken: 17 });
    const booked = (await a.appointments(id)).filter((x) => x.status === 'confirmed');
    assert.deepEqual(new Set(booked.map((x) => x.staffId)), new Set(staff));
  });
});
