import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bookInput, engineFixture, type EngineFixture, failsWith, newSiteId, siteConfig } from './helpers/engine.ts';

// Monday 2026-11-30, 07:00 in Amsterdam.
const NOW = '2026-11-30T06:00:00Z';
let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

const customer = (firstName: string, cell = '0612345678') => ({ customer: { firstName, lastName: 'de Vries', cell, email: 'x@example.nl' } });

/** A studio: Sanne teaches Yoga and Private; Tom teaches Pilates only. */
async function studio(yoga: { minCreatePeriod?: number; maxCreatePeriod?: number } = {}) {
  const a = f.engine.admin;
  const id = newSiteId('studio');
  f.clock.set(NOW);
  await a.addSite({ id, name: 'Studio', calendar: 'slots' });
  const sanne = await a.addStaff(id, { name: 'Sanne', showorder: 2 });
  const tom = await a.addStaff(id, { name: 'Tom', showorder: 1 });
  const yogaId = await a.addService(id, { name: 'Yoga', duration: 60, maxmembers: 8, staffIds: [sanne], ...yoga });
  const privateId = await a.addService(id, { name: 'Private', duration: 60, staffIds: [sanne] });
  const pilates = await a.addService(id, { name: 'Pilates', duration: 55, staffIds: [tom] });
  const provider = f.engine.providerFor(siteConfig(id, { timezone: 'Europe/Amsterdam' }));
  return { id, sanne, tom, yoga: yogaId, private: privateId, pilates, provider };
}

const slotAt = (s: { id: string }, staffId: string, serviceId: string | null, from: string, maxmembers: number) =>
  f.engine.admin.addSlot(s.id, { staffId, serviceId, from, to: new Date(Date.parse(from) + 3_600_000).toISOString(), maxmembers });

describe('timeslots calendar', () => {
  it('offers only existing slots, at their own times, with the places left on group slots', async () => {
    const s = await studio();
    await slotAt(s, s.sanne, s.yoga, '2026-12-02T09:00:00+01:00', 8);
    await slotAt(s, s.sanne, s.yoga, '2026-12-04T18:00:00+01:00', 8);
    const dates = await s.provider.bookableDates({ service: s.yoga, participants: 1, from: '2026-12-01', to: '2026-12-31' });
    assert.deepEqual(dates, ['2026-12-02', '2026-12-04']);
    const [time] = await s.provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    assert.equal(time!.start, '2026-12-02T09:00:00+01:00');
    assert.equal(time!.end, '2026-12-02T10:00:00+01:00');
    assert.equal(time!.placesLeft, 8);
    assert.deepEqual(time!.staff, { id: s.sanne, name: 'Sanne' });
  });

  it('a slot with no service takes any service linked to its staff; a slot with one service takes only that one', async () => {
    const s = await studio();
    await slotAt(s, s.sanne, null, '2026-12-02T11:00:00+01:00', 1);
    await slotAt(s, s.sanne, s.yoga, '2026-12-03T09:00:00+01:00', 8);
    const range = { participants: 1, from: '2026-12-01', to: '2026-12-31' };
    assert.deepEqual(await s.provider.bookableDates({ service: s.private, ...range }), ['2026-12-02']);
    assert.deepEqual(await s.provider.bookableDates({ service: s.yoga, ...range }), ['2026-12-02', '2026-12-03']);
    assert.deepEqual(await s.provider.bookableDates({ service: s.pilates, ...range }), []);
    const [privateTime] = await s.provider.bookableTimes({ service: s.private, participants: 1, date: '2026-12-02' });
    assert.equal(privateTime!.placesLeft, null);
  });

  it('shares maxmembers among all bookings on the slot: participants add up', async () => {
    const s = await studio();
    const slot = (await slotAt(s, s.sanne, s.yoga, '2026-12-02T09:00:00+01:00', 5))!;
    const [time] = await s.provider.bookableTimes({ service: s.yoga, participants: 3, date: '2026-12-02' });
    await s.provider.book(bookInput(time!, s.yoga, { participants: 3, ...customer('Anna') }));
    assert.equal(await f.engine.admin.placesLeft(slot.id), 2);
    assert.deepEqual(await s.provider.bookableTimes({ service: s.yoga, participants: 3, date: '2026-12-02' }), []);
    assert.deepEqual(await s.provider.bookableDates({ service: s.yoga, participants: 3, from: '2026-12-02', to: '2026-12-02' }), []);
    const [two] = await s.provider.bookableTimes({ service: s.yoga, participants: 2, date: '2026-12-02' });
    assert.equal(two!.placesLeft, 2);
    await assert.rejects(s.provider.book(bookInput(time!, s.yoga, { participants: 3, ...customer('Bram') })), failsWith('slot_taken'));
    await s.provider.book(bookInput(two!, s.yoga, { participants: 2, ...customer('Bram') }));
    assert.equal(await f.engine.admin.placesLeft(slot.id), 0);
    assert.deepEqual(await s.provider.bookableDates({ service: s.yoga, participants: 1, from: '2026-12-02', to: '2026-12-02' }), []);
  });

  it('a lozamin appointment blocks the slot', async () => {
    const s = await studio();
    const slot = (await slotAt(s, s.sanne, s.yoga, '2026-12-02T09:00:00+01:00', 8))!;
    const [time] = await s.provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    await f.engine.admin.addLozamin(s.id, { staffId: s.sanne, slotId: slot.id, from: '2026-12-02T09:00:00+01:00', to: '2026-12-02T10:00:00+01:00' });
    assert.deepEqual(await s.provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' }), []);
    assert.equal(await f.engine.admin.placesLeft(slot.id), 0);
    await assert.rejects(s.provider.book(bookInput(time!, s.yoga)), failsWith('slot_taken'));
  });

  it('keeps min_create_period and max_create_period', async () => {
    const s = await studio({ minCreatePeriod: 120, maxCreatePeriod: 10 });
    await slotAt(s, s.sanne, s.yoga, '2026-11-30T08:30:00+01:00', 8); // 90 minutes from now
    await slotAt(s, s.sanne, s.yoga, '2026-11-30T09:30:00+01:00', 8);
    await slotAt(s, s.sanne, s.yoga, '2026-12-10T20:00:00+01:00', 8);
    await slotAt(s, s.sanne, s.yoga, '2026-12-11T09:00:00+01:00', 8);
    const range = { service: s.yoga, participants: 1, from: '2026-11-30', to: '2026-12-31' };
    assert.deepEqual(await s.provider.bookableDates(range), ['2026-11-30', '2026-12-10']);
    const today = await s.provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-11-30' });
    assert.deepEqual(
      today.map((t) => t.start),
      ['2026-11-30T09:30:00+01:00'],
    );
  });

  it('books only with the slot vfib it was offered with', async () => {
    const s = await studio();
    await slotAt(s, s.sanne, s.yoga, '2026-12-02T09:00:00+01:00', 8);
    const [time] = await s.provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    await assert.rejects(s.provider.book(bookInput({ ...time!, hold: { ...time!.hold, vfib: 'WRONG' } }, s.yoga)), failsWith('slot_taken'));
    await assert.rejects(s.provider.book(bookInput(time!, s.pilates)), failsWith('slot_taken'));
    const booking = await s.provider.book(bookInput(time!, s.yoga));
    assert.equal(booking.start, '2026-12-02T09:00:00+01:00');
  });

  it('cancelling gives the places back', async () => {
    const s = await studio();
    const slot = (await slotAt(s, s.sanne, s.yoga, '2026-12-02T09:00:00+01:00', 4))!;
    const [time] = await s.provider.bookableTimes({ service: s.yoga, participants: 4, date: '2026-12-02' });
    const booking = await s.provider.book(bookInput(time!, s.yoga, { participants: 4 }));
    assert.equal(await f.engine.admin.placesLeft(slot.id), 0);
    const cancelled = await s.provider.cancel(booking.key);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(await f.engine.admin.placesLeft(slot.id), 4);
    assert.equal((await s.provider.bookableTimes({ service: s.yoga, participants: 4, date: '2026-12-02' })).length, 1);
  });

  it('dates are exactly the days with times for the participants asked', async () => {
    const s = await studio();
    for (let d = 1; d <= 20; d++) {
      const day = String(d).padStart(2, '0');
      const slot = (await slotAt(s, s.sanne, d % 3 === 0 ? null : s.yoga, `2026-12-${day}T09:00:00+01:00`, d % 4 === 0 ? 1 : 3))!;
      if (d % 5 === 0)
        await f.engine.admin.addLozamin(s.id, {
          staffId: s.sanne,
          slotId: slot.id,
          from: `2026-12-${day}T09:00:00+01:00`,
          to: `2026-12-${day}T10:00:00+01:00`,
        });
    }
    const dates = await s.provider.bookableDates({ service: s.yoga, participants: 2, from: '2026-12-01', to: '2026-12-31' });
    const withTimes: string[] = [];
    for (let d = 1; d <= 31; d++) {
      const date = `2026-12-${String(d).padStart(2, '0')}`;
      if ((await s.provider.bookableTimes({ service: s.yoga, participants: 2, date })).length > 0) withTimes.push(date);
    }
    assert.deepEqual(dates, withTimes);
    assert.equal(dates.length, 12); // 20 slots less 5 private and 3 more blocked
  });
});
