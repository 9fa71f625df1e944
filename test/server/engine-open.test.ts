import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bookInput, engineFixture, type EngineFixture, failsWith, newSiteId, siteConfig } from './helpers/engine.ts';

// Monday 2026-11-30, 08:00 in Jerusalem.
const NOW = '2026-11-30T06:00:00Z';
let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

/** A clinic with one branch and staff Avi (Mon + Wed 09:00-12:00); the service is 30 min on a 30 min grid. */
async function clinic(service: Partial<Parameters<EngineFixture['engine']['admin']['addService']>[1]> = {}) {
  const a = f.engine.admin;
  const id = newSiteId('clinic');
  f.clock.set(NOW);
  await a.addSite({ id, name: 'Clinic', calendar: 'open' });
  const avi = await a.addStaff(id, { name: 'Avi', showorder: 5 });
  for (const weekday of [1, 3]) await a.addHours(avi, { weekday, from: '09:00', to: '12:00' });
  const checkup = await a.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: [avi], ...service });
  return { id, avi, checkup, provider: f.engine.providerFor(siteConfig(id)) };
}

const clockTimes = (times: { start: string }[]) => times.map((t) => t.start.slice(11, 16));

describe('open calendar availability', () => {
  it('offers only the weekdays the staff member works', async () => {
    const c = await clinic();
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-12-01', to: '2026-12-10' });
    assert.deepEqual(dates, ['2026-12-02', '2026-12-07', '2026-12-09']);
  });

  it('offers grid-aligned times whose duration fits in the working hours, with the site offset', async () => {
    const c = await clinic({ duration: 45, grid: 15 });
    const times = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.equal(times[0]!.start, '2026-12-07T09:00:00+02:00');
    assert.equal(times[0]!.end, '2026-12-07T09:45:00+02:00');
    assert.deepEqual(clockTimes(times).at(-1), '11:15');
    assert.equal(times.length, 10);
    assert.deepEqual(times[0]!.staff, { id: c.avi, name: 'Avi' });
    assert.equal(times[0]!.hold.staffId, c.avi);
  });

  it('takes time off away, and a whole day off takes the date away', async () => {
    const c = await clinic();
    await f.engine.admin.addTimeOff(c.avi, { from: '2026-12-07T09:00:00+02:00', to: '2026-12-07T10:00:00+02:00' });
    await f.engine.admin.addTimeOff(c.avi, { from: '2026-12-09T00:00:00+02:00', to: '2026-12-10T00:00:00+02:00' });
    const times = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.deepEqual(clockTimes(times), ['10:00', '10:30', '11:00', '11:30']);
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-12-07', to: '2026-12-10' });
    assert.deepEqual(dates, ['2026-12-07']);
  });

  it('keeps min_create_period minutes from now and max_create_period days ahead, the last day whole', async () => {
    const c = await clinic({ minCreatePeriod: 90, maxCreatePeriod: 9 });
    const today = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-11-30' });
    assert.equal(clockTimes(today)[0], '09:30');
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-11-30', to: '2026-12-31' });
    assert.deepEqual(dates, ['2026-11-30', '2026-12-02', '2026-12-07', '2026-12-09']);
    const last = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-09' });
    assert.equal(clockTimes(last).at(-1), '11:30');
    assert.deepEqual(await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-14' }), []);
  });

  it('refuses an internal service and a staff member not linked to the service', async () => {
    const c = await clinic();
    const internal = await f.engine.admin.addService(c.id, { name: 'Staff meeting', duration: 30, canExt: false, staffIds: [c.avi] });
    await assert.rejects(
      c.provider.bookableDates({ service: internal, participants: 1, from: '2026-12-01', to: '2026-12-10' }),
      failsWith('invalid_field'),
    );
    const other = await f.engine.admin.addStaff(c.id, { name: 'Rina', showorder: 3 });
    await f.engine.admin.addHours(other, { weekday: 2, from: '09:00', to: '12:00' });
    await assert.rejects(
      c.provider.bookableTimes({ service: c.checkup, staff: other, participants: 1, date: '2026-12-08' }),
      failsWith('invalid_field'),
    );
    const time = (await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' }))[0]!;
    await assert.rejects(c.provider.book(bookInput({ ...time, hold: { staffId: other } }, c.checkup, { staff: other })), failsWith('slot_taken'));
    await assert.rejects(c.provider.book(bookInput(time, internal)), failsWith('invalid_field'));
  });

  it('offers a branch only the hours worked there, and the booking names its branch', async () => {
    const c = await clinic();
    const a = f.engine.admin;
    const north = await a.addBranch(c.id, { name: 'North' });
    const south = await a.addBranch(c.id, { name: 'South' });
    const rina = await a.addStaff(c.id, { name: 'Rina', showorder: 3, branchId: north });
    await a.link(rina, c.checkup);
    await a.addHours(rina, { weekday: 2, from: '09:00', to: '10:00' }); // her own branch: North
    await a.addHours(rina, { weekday: 4, from: '09:00', to: '10:00', branchId: south });
    const range = { service: c.checkup, staff: rina, participants: 1, from: '2026-12-01', to: '2026-12-03' };
    assert.deepEqual(await c.provider.bookableDates({ ...range, branch: north }), ['2026-12-01']);
    assert.deepEqual(await c.provider.bookableDates({ ...range, branch: south }), ['2026-12-03']);
    const [time] = await c.provider.bookableTimes({ service: c.checkup, staff: rina, branch: south, participants: 1, date: '2026-12-03' });
    const booking = await c.provider.book(bookInput(time!, c.checkup, { staff: rina, branch: south }));
    assert.deepEqual(booking.branch, { id: south, name: 'South' });
    const catalog = await c.provider.catalog();
    assert.deepEqual(catalog.services[0]!.branchIds, [north, south]);
  });

  it('does not offer administrative users (showorder 0) even when linked', async () => {
    const c = await clinic();
    const admin = await f.engine.admin.addStaff(c.id, { name: 'Office', showorder: 0 });
    await f.engine.admin.link(admin, c.checkup);
    await f.engine.admin.addHours(admin, { weekday: 2, from: '09:00', to: '12:00' });
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-12-01', to: '2026-12-01' });
    assert.deepEqual(dates, []);
  });

  it('with any staff, offers each time once and spreads the choice fairly among those free', async () => {
    const c = await clinic();
    const rina = await f.engine.admin.addStaff(c.id, { name: 'Rina', showorder: 3 });
    await f.engine.admin.link(rina, c.checkup);
    await f.engine.admin.addHours(rina, { weekday: 1, from: '09:00', to: '12:00' });
    f.setRandom(() => 0.1);
    const low = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    f.setRandom(() => 0.9);
    const high = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.equal(low.length, 6);
    assert.ok(low.every((t) => t.staff!.id === c.avi));
    assert.ok(high.every((t) => t.staff!.id === rina));
    // Rina is taken at 09:00: Avi is the only one free then, whatever the random says.
    await c.provider.book(bookInput(high[0]!, c.checkup));
    const after = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.equal(after.length, 6);
    assert.equal(after[0]!.staff!.id, c.avi);
    let i = 0;
    f.setRandom(() => (i++ % 2 === 0 ? 0.2 : 0.7));
    const mixed = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.deepEqual(new Set(mixed.slice(1).map((t) => t.staff!.id)), new Set([c.avi, rina]));
    f.setRandom(Math.random);
  });

  it('books a time and stops offering it; booking it again is slot_taken', async () => {
    const c = await clinic();
    const [first] = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    const booking = await c.provider.book(bookInput(first!, c.checkup));
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.start, '2026-12-07T09:00:00+02:00');
    const times = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.equal(clockTimes(times)[0], '09:30');
    await assert.rejects(
      c.provider.book(bookInput(first!, c.checkup, { customer: { firstName: 'Noa', lastName: 'K', cell: '0529999999' } })),
      failsWith('slot_taken'),
    );
  });

  it('with any staff, a booking whose offered staff member was taken meanwhile goes to another one free then', async () => {
    const c = await clinic();
    const rina = await f.engine.admin.addStaff(c.id, { name: 'Rina', showorder: 3 });
    await f.engine.admin.link(rina, c.checkup);
    await f.engine.admin.addHours(rina, { weekday: 1, from: '09:00', to: '12:00' });
    f.setRandom(() => 0);
    const [offered] = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.equal(offered!.staff!.id, c.avi);
    await c.provider.book(bookInput(offered!, c.checkup, { staff: c.avi }));
    const second = await c.provider.book(bookInput(offered!, c.checkup, { customer: { firstName: 'Noa', lastName: 'K', cell: '0529999999' } }));
    assert.deepEqual(second.staff, { id: rina, name: 'Rina' });
    await assert.rejects(
      c.provider.book(bookInput(offered!, c.checkup, { customer: { firstName: 'Eli', lastName: 'K', cell: '0528888888' } })),
      failsWith('slot_taken'),
    );
    f.setRandom(Math.random);
  });

  it('refuses a start that is off the grid or outside working hours', async () => {
    const c = await clinic();
    const [first] = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    const offGrid = { ...first!, start: '2026-12-07T09:10:00+02:00', end: '2026-12-07T09:40:00+02:00' };
    await assert.rejects(c.provider.book(bookInput(offGrid, c.checkup)), failsWith('slot_taken'));
    const evening = { ...first!, start: '2026-12-07T18:00:00+02:00', end: '2026-12-07T18:30:00+02:00' };
    await assert.rejects(c.provider.book(bookInput(evening, c.checkup)), failsWith('slot_taken'));
  });

  it('a lozamin block takes the staff member time away', async () => {
    const c = await clinic();
    await f.engine.admin.addLozamin(c.id, { staffId: c.avi, from: '2026-12-07T09:00:00+02:00', to: '2026-12-07T11:00:00+02:00' });
    const times = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-12-07' });
    assert.deepEqual(clockTimes(times), ['11:00', '11:30']);
  });

  it('returns exactly the dates that have times', async () => {
    const c = await clinic({ minCreatePeriod: 60 * 24, maxCreatePeriod: 20 });
    await f.engine.admin.addTimeOff(c.avi, { from: '2026-12-14T08:00:00+02:00', to: '2026-12-14T13:00:00+02:00' });
    await f.engine.admin.addTimeOff(c.avi, { from: '2026-12-16T09:00:00+02:00', to: '2026-12-16T11:30:00+02:00' });
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-11-30', to: '2026-12-30' });
    const withTimes: string[] = [];
    for (let d = 30; d <= 61; d++) {
      const date = d === 30 ? '2026-11-30' : `2026-12-${String(d - 30).padStart(2, '0')}`;
      if ((await c.provider.bookableTimes({ service: c.checkup, participants: 1, date })).length > 0) withTimes.push(date);
    }
    assert.deepEqual(dates, withTimes);
    assert.ok(dates.includes('2026-12-16') && !dates.includes('2026-12-14') && !dates.includes('2026-11-30'));
  });

  it('computes the day clocks go forward in the site timezone', async () => {
    const c = await clinic({ duration: 60, grid: 60 });
    f.clock.set('2026-03-20T06:00:00Z');
    // Friday 2026-03-27: Israel moves from 02:00 (+02:00) to 03:00 (+03:00).
    await f.engine.admin.addHours(c.avi, { weekday: 5, from: '00:00', to: '05:00' });
    const times = await c.provider.bookableTimes({ service: c.checkup, participants: 1, date: '2026-03-27' });
    assert.deepEqual(
      times.map((t) => t.start),
      ['2026-03-27T00:00:00+02:00', '2026-03-27T01:00:00+02:00', '2026-03-27T03:00:00+03:00', '2026-03-27T04:00:00+03:00'],
    );
    const dates = await c.provider.bookableDates({ service: c.checkup, participants: 1, from: '2026-03-27', to: '2026-03-27' });
    assert.deepEqual(dates, ['2026-03-27']);
  });
});
