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

async function clinic(confirmation: 'none' | 'approval' = 'none', service: { extCanCancel?: boolean; minCancelPeriod?: number } = {}) {
  const a = f.engine.admin;
  const id = newSiteId('clinic');
  f.clock.set(NOW);
  await a.addSite({ id, name: 'Clinic', calendar: 'open' });
  const avi = await a.addStaff(id, { name: 'Avi', showorder: 1 });
  await a.addHours(avi, { weekday: 1, from: '09:00', to: '12:00' });
  const checkup = await a.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: [avi], ...service });
  const provider = f.engine.providerFor(siteConfig(id, { confirmation }));
  const times = () => provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
  return { id, avi, checkup, provider, times };
}

describe('bookings', () => {
  it('keeps one customer per first name + cell (a parent booking for a child is a second), each booking with its own details', async () => {
    const c = await clinic();
    const [t1, t2, t3] = await c.times();
    await c.provider.book(bookInput(t1!, c.checkup, { customer: { firstName: 'Moshe', lastName: 'Cohen', cell: '0541111111' } }));
    await c.provider.book(
      bookInput(t2!, c.checkup, { customer: { firstName: 'Moshe', lastName: 'Cohen-Levi', cell: '0541111111', email: 'm@example.com' } }),
    );
    await c.provider.book(bookInput(t3!, c.checkup, { customer: { firstName: 'Yael', lastName: 'Cohen', cell: '0541111111' } }));
    const customers = await f.engine.admin.customers(c.id);
    assert.deepEqual(
      customers.map((x) => [x.firstName, x.lastName, x.email]),
      [
        ['Moshe', 'Cohen', null],
        ['Yael', 'Cohen', null],
      ],
      'a later booking does not change who the customer is',
    );
    const appointments = await f.engine.admin.appointments(c.id);
    assert.deepEqual(
      appointments.map((x) => [x.customerId, x.lastName, x.email]),
      [
        [customers[0]!.id, 'Cohen', null],
        [customers[0]!.id, 'Cohen-Levi', 'm@example.com'],
        [customers[1]!.id, 'Cohen', null],
      ],
    );
  });

  it('stores where the customer came from (utm_*, gclid) with the appointment, and nothing when there is none', async () => {
    const c = await clinic();
    const [t1, t2] = await c.times();
    const attribution = { utm_source: 'newsletter', utm_campaign: 'winter', gclid: 'g-1' };
    const tagged = await c.provider.book(bookInput(t1!, c.checkup, { attribution }));
    const plain = await c.provider.book(bookInput(t2!, c.checkup));
    const stored = async (id: string | undefined) =>
      (await f.db.query<{ attribution: unknown }>('SELECT attribution FROM appointments WHERE id = $1', [id]))[0]?.attribution;
    assert.deepEqual(await stored(tagged.key.appointmentId), attribution);
    assert.equal(await stored(plain.key.appointmentId), null);
  });

  it('reads a booking back by its key, and an unknown key is not_found', async () => {
    const c = await clinic();
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    assert.match(booking.key.appointmentId!, /^[A-Za-z0-9_-]{16}$/);
    assert.deepEqual(await c.provider.getBooking(booking.key), booking);
    await assert.rejects(c.provider.getBooking({ appointmentId: 'nope-nope-nope' }), failsWith('not_found'));
    // Another site's provider does not see it.
    const other = await clinic();
    await assert.rejects(other.provider.getBooking(booking.key), failsWith('not_found'));
  });

  it('dates change at once after a booking or a cancel on this engine (answers are remembered for a second only)', async () => {
    const c = await clinic();
    const range = { service: c.checkup, participants: 1, from: '2026-12-07', to: '2026-12-07' };
    const bookings = [];
    for (const time of await c.times()) {
      assert.deepEqual(await c.provider.bookableDates(range), ['2026-12-07']);
      bookings.push(await c.provider.book(bookInput(time, c.checkup)));
    }
    assert.deepEqual(await c.provider.bookableDates(range), []);
    await c.provider.cancel(bookings[0]!.key);
    assert.deepEqual(await c.provider.bookableDates(range), ['2026-12-07']);
  });

  it('a site that approves bookings leaves them pending_approval, holding the time until the business approves', async () => {
    const c = await clinic('approval');
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    assert.equal(booking.status, 'pending_approval');
    assert.notEqual((await c.times())[0]!.start, time!.start);
    assert.equal(await f.engine.admin.approve(c.id, booking.key.appointmentId!), true);
    assert.equal((await c.provider.getBooking(booking.key)).status, 'confirmed');
    assert.equal(await f.engine.admin.approve(c.id, booking.key.appointmentId!), false);
  });

  it('records "are you coming?": yes = iscoming 1, no = iscoming 2', async () => {
    const c = await clinic();
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    assert.equal(booking.attendance, 'unknown');
    assert.equal((await c.provider.setAttendance(booking.key, 'yes')).attendance, 'yes');
    assert.equal((await f.engine.admin.appointments(c.id))[0]!.iscoming, 1);
    assert.equal((await c.provider.setAttendance(booking.key, 'no')).attendance, 'no');
    assert.equal((await f.engine.admin.appointments(c.id))[0]!.iscoming, 2);
    assert.equal((await c.provider.getBooking(booking.key)).attendance, 'no');
    f.clock.set('2026-12-07T09:05:00+02:00');
    await assert.rejects(c.provider.setAttendance(booking.key, 'yes'), failsWith('attendance_not_allowed'));
  });

  it('refuses attendance where the business does not ask it', async () => {
    const c = await clinic();
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    const notAsking = f.engine.providerFor(siteConfig(c.id, { attendance: false }));
    await assert.rejects(notAsking.setAttendance(booking.key, 'yes'), failsWith('attendance_not_allowed'));
    assert.equal((await c.provider.getBooking(booking.key)).attendance, 'unknown');
  });

  it('refuses attendance on a booking that is not confirmed', async () => {
    const c = await clinic('approval');
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    await assert.rejects(c.provider.setAttendance(booking.key, 'yes'), failsWith('attendance_not_allowed'));
  });

  it('cancelling frees the time; cancelling twice is refused', async () => {
    const c = await clinic();
    const [time] = await c.times();
    const booking = await c.provider.book(bookInput(time!, c.checkup));
    assert.equal((await c.provider.cancel(booking.key)).status, 'cancelled');
    assert.equal((await c.times())[0]!.start, time!.start);
    await assert.rejects(c.provider.cancel(booking.key), failsWith('cancel_not_allowed'));
  });

  it('refuses to cancel a service customers may not cancel, or inside min_cancel_period', async () => {
    const fixed = await clinic('none', { extCanCancel: false });
    const [t] = await fixed.times();
    const b = await fixed.provider.book(bookInput(t!, fixed.checkup));
    await assert.rejects(fixed.provider.cancel(b.key), failsWith('cancel_not_allowed'));

    const late = await clinic('none', { minCancelPeriod: 24 * 60 });
    const [t2] = await late.times();
    const b2 = await late.provider.book(bookInput(t2!, late.checkup));
    f.clock.set('2026-12-06T08:59:00+02:00');
    assert.equal((await late.provider.cancel(b2.key)).status, 'cancelled');
    f.clock.set(NOW);
    const b3 = await late.provider.book(bookInput(t2!, late.checkup));
    f.clock.set('2026-12-06T09:01:00+02:00');
    await assert.rejects(late.provider.cancel(b3.key), failsWith('cancel_not_allowed'));
  });

  it('describes the site and the public catalog: external services and service providers in display order', async () => {
    const c = await clinic();
    const a = f.engine.admin;
    const rina = await a.addStaff(c.id, { name: 'Rina', showorder: 9 });
    await a.addStaff(c.id, { name: 'Office', showorder: 0 });
    await a.link(rina, c.checkup);
    await a.addService(c.id, { name: 'Internal', duration: 15, canExt: false, staffIds: [rina] });
    const fixed = await a.addService(c.id, { name: 'Scan', duration: 45, price: 250, extCanCancel: false, minCancelPeriod: 60, staffIds: [c.avi] });
    assert.deepEqual(await c.provider.site(), { name: 'Clinic', phone: undefined, address: undefined, calendar: 'open' });
    const catalog = await c.provider.catalog();
    // One branch (or none): nobody's branches narrow anything.
    assert.deepEqual(catalog.staff, [
      { id: rina, name: 'Rina', branchIds: [] },
      { id: c.avi, name: 'Avi', branchIds: [] },
    ]);
    assert.deepEqual(
      catalog.services.map((s) => [s.id, s.name, s.staffIds, s.price, s.customerCanCancel, s.cancelNoticeMinutes, s.groupBooking, s.maxParticipants]),
      [
        [c.checkup, 'Checkup', [rina, c.avi], null, true, 0, false, 1],
        [fixed, 'Scan', [c.avi], 250, false, 60, false, 1],
      ],
    );
  });
});
