import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock, systemClock } from '../../src/server/clock.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { BookInput, PlatformTime, Provider } from '../../src/server/providers/provider.ts';
import { createTimeTapProvider } from '../../src/server/providers/timetap/adapter.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { zonedDate } from '../../src/server/zoned.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';
import { fakeSites } from '../fakes/timetap/sites.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

let fake: TimeTapFake;
let db: Database;
let clinic: Provider;
let approval: Provider;
const log = memoryLog();
const zone = 'America/New_York';

before(async () => {
  fake = await startTimeTapFake();
  db = await migratedMemoryDatabase();
  const sites = fakeSites(fake);
  clinic = createTimeTapProvider(sites.clinic, { db, clock: systemClock, log, env: sites.env });
  approval = createTimeTapProvider(sites.approval, { db, clock: systemClock, log, env: sites.env });
});
after(async () => {
  await fake.close();
  await db.close();
});

const customer = (first = 'Olivia'): BookInput['customer'] => ({
  firstName: first,
  lastName: 'Bennett',
  cell: '2125550143',
  email: `${first.toLowerCase()}@example.com`,
  notes: 'Second floor',
});

function bookInput(time: PlatformTime, service: string, extra: Partial<BookInput> = {}): BookInput {
  return {
    service,
    staff: time.staff?.id ?? null,
    branch: String(time.hold['locationId']),
    start: time.start,
    end: time.end,
    hold: time.hold,
    participants: 1,
    customer: customer(),
    lang: 'en',
    idempotencyKey: crypto.randomUUID(),
    resumed: false,
    ...extra,
  };
}

/** The next site date (from two days on) that is a weekday of `weekdays` (0 = Sunday). */
function nextDate(weekdays: number[]): string {
  let date = addDays(zonedDate(zone, Date.now()), 2);
  while (!weekdays.includes(new Date(`${date}T12:00:00Z`).getUTCDay())) date = addDays(date, 1);
  return date;
}

describe('a TimeTap site', () => {
  test('its locations are branches, its public SERVICE reasons services, with their staff', async () => {
    const catalog = await clinic.catalog();
    assert.deepEqual(catalog.branches, [
      { id: '501', name: 'Midtown Clinic', address: '250 W 57th St, New York, NY 10107' },
      { id: '502', name: 'Brooklyn Studio', address: '80 Court St, Brooklyn, NY 11201' },
    ]);
    assert.deepEqual(
      catalog.services.map((s) => [s.id, s.name, s.durationMinutes, s.price]),
      [
        ['601', 'Consultation', 30, 75],
        ['602', 'Therapy session', 60, 140],
      ],
      'the class, the personal reason, the private and the inactive ones are left out',
    );
    assert.deepEqual(catalog.services[0]!.staffIds, ['701', '702'], 'the inactive staff member is left out');
    assert.deepEqual(catalog.staff, [
      { id: '701', name: 'Maria Lopez' },
      { id: '702', name: 'James Carter' },
    ]);
    assert.deepEqual(await clinic.site(), { name: 'Midtown Clinic', calendar: 'open' });
  });

  test('dates come from the range call; with a staff member chosen, the month call narrows them', async () => {
    const today = zonedDate(zone, Date.now());
    const to = addDays(today, 20);
    const all = await clinic.bookableDates({ service: '601', branch: '502', participants: 1, from: today, to });
    // Brooklyn: only Maria, Tuesdays and Thursdays.
    assert.ok(all.length >= 4);
    assert.ok(
      all.every((d) => [2, 4].includes(new Date(`${d}T12:00:00Z`).getUTCDay())),
      all.join(),
    );
    const james = await clinic.bookableDates({ service: '601', staff: '702', branch: '501', participants: 1, from: today, to });
    assert.ok(james.every((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())));
    assert.ok(fake.calls.some((c) => c.route.startsWith('GET /availability/{YYYY}/{MM}/{staffId}') && c.query['duration'] === '30'));
    assert.ok(fake.calls.some((c) => c.route === 'GET /availability/location/{locationId}/service/{reasonId}' && c.query['duration'] === '30'));
  });

  test("today is not offered for a staff member whose hours today are over, though the location's are not", async () => {
    // Wednesday 13:00 in New York, noon in Chicago: James (Chicago, 8:00-12:00) is done, Maria (until 17:00) is not.
    const wednesday = nextDate([3]);
    const at = fixedClock(`${wednesday}T18:00:00Z`);
    const late = await startTimeTapFake({ now: () => at().getTime() });
    try {
      const sites = fakeSites(late);
      const provider = createTimeTapProvider(sites.clinic, { db, clock: at, log, env: sites.env });
      const week = { service: '601', branch: '501', participants: 1, from: wednesday, to: addDays(wednesday, 6) };
      assert.equal((await provider.bookableDates(week))[0], wednesday, 'Maria can still be booked today');
      assert.deepEqual(await provider.bookableTimes({ ...week, staff: '702', date: wednesday }), []);
      const james = await provider.bookableDates({ ...week, staff: '702' });
      assert.ok(!james.includes(wednesday), `James's dates: ${james.join()}`);
      assert.equal(james[0], addDays(wednesday, 1), 'his next day is');
    } finally {
      await late.close();
    }
  });

  test("times of a staff member in Chicago are shown in the site's New York time", async () => {
    const date = nextDate([1, 2, 3, 4, 5]);
    const times = await clinic.bookableTimes({ service: '601', staff: '702', branch: '501', participants: 1, date });
    // 8:00 to 12:00 Central is 9:00 to 13:00 Eastern.
    assert.equal(times[0]!.start.slice(11, 16), '09:00');
    assert.equal(times.at(-1)!.end.slice(11, 16), '13:00');
    assert.ok(times.every((t) => /-0[45]:00$/.test(t.start)));
    assert.equal(times[0]!.hold['clientStartTime'], 800, 'the hold keeps the staff member’s own wall clock');
    assert.deepEqual(times[0]!.staff, { id: '702', name: 'James Carter' });
  });

  test('books with a new client, every required field, and the time is gone after', async () => {
    const date = nextDate([1, 3, 5]);
    const [time] = await clinic.bookableTimes({ service: '602', staff: '701', branch: '501', participants: 1, date });
    assert.ok(time);
    const clients = fake.business.clients.length;
    const booking = await clinic.book(bookInput(time, '602'));
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.start, time.start);
    assert.deepEqual(booking.service, { id: '602', name: 'Therapy session' });
    assert.deepEqual(booking.branch, { id: '501', name: 'Midtown Clinic' });
    assert.equal(fake.business.clients.length, clients + 1);
    const stored = fake.business.appointments.find((a) => String(a.calendarId) === booking.key['calendarId'])!;
    assert.equal(stored.status, 'OPEN');
    assert.equal(stored.endTime - stored.clientEndTime, 15, 'the staff’s end carries the 15 minutes buffer');
    assert.equal(stored.note, 'Second floor');
    const later = await clinic.bookableTimes({ service: '602', staff: '701', branch: '501', participants: 1, date });
    assert.ok(!later.some((t) => t.start === time.start));
    // The same person again reuses their client.
    const [other] = later;
    await clinic.book(bookInput(other!, '602'));
    assert.equal(fake.business.clients.length, clients + 1);
  });

  test('where the customer came from (utm_*, gclid) joins the note, which has no field of its own on TimeTap', async () => {
    const [time] = await clinic.bookableTimes({ service: '602', staff: '701', branch: '501', participants: 1, date: nextDate([1, 3, 5]) });
    const booking = await clinic.book(bookInput(time!, '602', { attribution: { utm_source: 'newsletter', utm_campaign: 'winter', gclid: 'g-123' } }));
    const stored = fake.business.appointments.find((a) => String(a.calendarId) === booking.key['calendarId'])!;
    assert.equal(stored.note, 'Second floor\nSource: utm_source=newsletter, utm_campaign=winter, gclid=g-123');
  });

  test('a taken time is slot_taken', async () => {
    const date = nextDate([2, 4]);
    const [time] = await clinic.bookableTimes({ service: '601', branch: '502', participants: 1, date });
    await clinic.book(bookInput(time!, '601'));
    await assert.rejects(clinic.book(bookInput(time!, '601', { customer: customer('Noah') })), { code: 'slot_taken' });
  });

  test('manage: read, "are you coming?" yes and no, cancel', async () => {
    const date = nextDate([1, 3, 5]);
    const [time] = await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date });
    const booking = await clinic.book(bookInput(time!, '601', { customer: customer('Emma') }));
    assert.equal((await clinic.getBooking(booking.key)).attendance, 'unknown');
    const yes = await clinic.setAttendance(booking.key, 'yes');
    assert.equal(yes.attendance, 'yes');
    const stored = fake.business.appointments.find((a) => String(a.calendarId) === booking.key['calendarId'])!;
    assert.equal(stored.clientConfirmed, true);
    assert.ok(Math.abs(stored.clientConfirmedDate! - Date.now()) < 10_000, 'confirmed now, in milliseconds');
    const no = await clinic.setAttendance(booking.key, 'no');
    assert.equal(no.attendance, 'no');
    assert.equal(stored.clientConfirmed, false);
    assert.equal((await clinic.getBooking(booking.key)).attendance, 'no', 'the no is remembered');
    const cancelled = await clinic.cancel(booking.key);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(stored.status, 'CANCELLED');
    assert.deepEqual(stored.cancelEmails, { staff: true, client: true });
    assert.equal((await clinic.getBooking(booking.key)).status, 'cancelled');
  });

  test('an approval site books PENDING_CONFIRMATION and says it waits for the business', async () => {
    const date = nextDate([1, 3, 5]);
    const [time] = await approval.bookableTimes({ service: '601', staff: '701', participants: 1, date });
    const booking = await approval.book(bookInput(time!, '601', { customer: customer('Liam') }));
    assert.equal(booking.status, 'pending_approval');
    const stored = fake.business.appointments.find((a) => String(a.calendarId) === booking.key['calendarId'])!;
    assert.equal(stored.status, 'PENDING_CONFIRMATION');
    stored.status = 'OPEN';
    stored.subStatus = 'CONFIRMED';
    assert.equal((await approval.getBooking(booking.key)).status, 'confirmed', 'once the staff confirms');
  });
});
