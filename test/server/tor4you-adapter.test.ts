import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import type { BookInput, Provider } from '../../src/server/providers/provider.ts';
import { createTor4YouProvider } from '../../src/server/providers/tor4you/adapter.ts';
import { addDays, todayIn } from '../../src/contract/plain-date.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';
import { fakeSites, memoryLog } from '../fakes/tor4you/sites.ts';

const isoDate = (tor: string) => `${tor.slice(0, 4)}-${tor.slice(4, 6)}-${tor.slice(6, 8)}`;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[23]:00$/;

let fake: Tor4YouFake;
let slots: Provider;
let open: Provider;
const log = memoryLog();

before(async () => {
  fake = await startTor4YouFake();
  const sites = fakeSites(fake);
  slots = createTor4YouProvider(sites.slots, { clock: systemClock, log, env: sites.env });
  open = createTor4YouProvider(sites.open, { clock: systemClock, log, env: sites.env });
});
after(() => fake.close());

function customer(first = 'אלי'): BookInput['customer'] {
  return { firstName: first, lastName: 'ישראלי', cell: '0544444444', email: 'eli@example.com', idNumber: '123456782', notes: 'קומה 2' };
}

describe('a Tor4You timeslots site (torkey header)', () => {
  test('tells its name, phone and that it books on slots', async () => {
    assert.deepEqual(await slots.site(), { name: 'קליניקה לדוגמה', phone: '03-544-8485', address: 'קפריסין 10, תל אביב', calendar: 'slots' });
    assert.ok(fake.calls.some((c) => c.apicall === 'siteinfo' && c.auth === 'torkey' && c.siteId === '5001'));
  });

  test('shows only external services and service providers, higher showorder first', async () => {
    const catalog = await slots.catalog();
    assert.deepEqual(
      catalog.services.map((s) => s.name),
      ['פגישת ייעוץ', 'שיעור קבוצתי'],
    );
    assert.deepEqual(
      catalog.staff,
      [
        { id: '8001', name: 'דנה לוי', branchIds: [] },
        { id: '8002', name: 'יוסי כהן', branchIds: [] },
      ],
      'one branch: where they work says nothing',
    );
    const consult = catalog.services[0]!;
    assert.deepEqual(consult.staffIds, ['8001', '8002'], 'the administrator and the inactive member are left out');
    assert.equal(consult.durationMinutes, 30);
    assert.equal(consult.price, 150);
    assert.equal(consult.customerCanCancel, true);
    assert.equal(consult.cancelNoticeMinutes, 180);
    assert.equal(consult.groupBooking, false);
    const group = catalog.services[1]!;
    assert.equal(group.price, null, 'an empty price is no price');
    assert.equal(group.customerCanCancel, false);
    assert.deepEqual([group.groupBooking, group.maxParticipants], [true, 5]);
    assert.deepEqual(catalog.branches, [{ id: '9001', name: 'מרכז', address: 'הרצל 1, תל אביב' }]);
  });

  test('lists bookable dates over a range longer than one call, split at 60 days', async () => {
    const today = todayIn('Asia/Jerusalem', new Date());
    const before = fake.count('availability');
    const dates = await slots.bookableDates({ service: '7002', participants: 1, from: today, to: addDays(today, 70) });
    assert.equal(fake.count('availability') - before, 2);
    const expected = [...new Set(fake.slots.slots.map((s) => isoDate(s.from)))].sort();
    assert.deepEqual(dates, expected);
    const asked = fake.calls.filter((c) => c.apicall === 'availability').slice(-2);
    assert.ok(asked.every((c) => c.params['dateonly'] === '1' && c.params['service'] === '7002'));
  });

  test('lists the times of a date with the slot in the hold, leaving out blocked and full slots', async () => {
    const date = isoDate(fake.slots.slots[0]!.from);
    const slotlists = fake.count('slotlist');
    const times = await slots.bookableTimes({ service: '7002', participants: 1, date });
    const expected = fake.slots.slots
      .filter((s) => isoDate(s.from) === date && s.services !== '7003')
      .filter((s) => !fake.slots.appointments.some((a) => a.islozamin && a.slotid === s.id));
    assert.deepEqual(
      times.map((t) => t.hold['slotId']),
      expected.map((s) => s.id),
    );
    assert.deepEqual(
      times.map((t) => t.hold['vfib']),
      expected.map((s) => s.vfib),
    );
    assert.ok(times.every((t) => rfc3339.test(t.start) && rfc3339.test(t.end)));
    assert.equal(times[0]!.start.slice(11, 16), '09:00');
    assert.deepEqual(times[0]!.staff, { id: '8001', name: 'דנה לוי' });
    assert.ok(
      times.every((t) => t.placesLeft === null),
      'a private service has no places to count',
    );
    assert.equal(fake.count('slotlist'), slotlists, 'and costs no slotlist call');
  });

  test('where the customer came from (utm_*, gclid) joins the notes, which has no field of its own on Tor4You', async () => {
    const date = isoDate(fake.slots.slots[5]!.from);
    const [time] = await slots.bookableTimes({ service: '7002', staff: '8001', participants: 1, date });
    const booking = await slots.book({
      service: '7002',
      staff: '8001',
      branch: null,
      start: time!.start,
      end: time!.end,
      hold: time!.hold,
      participants: 1,
      customer: customer(),
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
      attribution: { gclid: 'g-1', utm_source: 'google' },
    });
    const stored = fake.slots.appointments.find((a) => a.id === booking.key['apptId'])!;
    assert.equal(stored.notes, 'קומה 2\nSource: utm_source=google, gclid=g-1');
    assert.equal(stored.extra['ax3'], 'קומה 2', "the business's own notes field keeps the customer's words");
  });

  test('books a slot with the customer, the extra field and sendnotice; the slot is then gone', async () => {
    const date = isoDate(fake.slots.slots[4]!.from);
    const [time] = await slots.bookableTimes({ service: '7002', staff: '8001', participants: 1, date });
    assert.ok(time);
    const booking = await slots.book({
      service: '7002',
      staff: '8001',
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      customer: customer(),
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
    });
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.start, time.start);
    assert.deepEqual(booking.service, { id: '7002', name: 'פגישת ייעוץ' });
    const stored = fake.slots.appointments.find((a) => a.id === booking.key['apptId']);
    assert.ok(stored);
    assert.equal(stored.vfib, booking.key['vfib']);
    assert.equal(stored.slotid, time.hold['slotId']);
    assert.equal(stored.extra['ax3'], 'קומה 2');
    assert.equal(stored.sendnotice, true);
    assert.equal(fake.slots.customers.find((c) => c.id === stored.customerId)?.tz, '123456782');
    const later = await slots.bookableTimes({ service: '7002', staff: '8001', participants: 1, date });
    assert.ok(!later.some((t) => t.hold['slotId'] === time.hold['slotId']));

    await assert.rejects(
      slots.book({
        service: '7002',
        staff: '8001',
        branch: null,
        start: time.start,
        end: time.end,
        hold: time.hold,
        participants: 1,
        customer: customer('דוד'),
        lang: 'he',
        idempotencyKey: crypto.randomUUID(),
        resumed: false,
      }),
      { code: 'slot_taken' },
    );
  });

  test('a group slot takes participants until it is full', async () => {
    const date = isoDate(fake.slots.slots[8]!.from);
    const [time] = await slots.bookableTimes({ service: '7003', participants: 3, date });
    assert.ok(time);
    assert.equal(time.placesLeft, 5, 'places left come from slotlist');
    assert.equal(fake.calls.at(-1)?.apicall, 'slotlist');
    const input = {
      service: '7003',
      staff: null,
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      lang: 'he' as const,
      resumed: false,
    };
    await slots.book({ ...input, participants: 3, customer: customer('שרה'), idempotencyKey: crypto.randomUUID() });
    assert.equal(fake.calls.at(-1)?.params['participants'], '3');
    assert.deepEqual(await slots.bookableTimes({ service: '7003', participants: 3, date }), [], 'two places left, three asked');
    assert.deepEqual(
      (await slots.bookableTimes({ service: '7003', participants: 2, date })).map((t) => t.placesLeft),
      [2],
    );
    await assert.rejects(slots.book({ ...input, participants: 3, customer: customer('רחל'), idempotencyKey: crypto.randomUUID() }), {
      code: 'slot_taken',
    });
  });

  /** Books three places on the group slot of the date of `fake.slots.slots[index]`. */
  async function bookGroupOfThree(index: number, first: string) {
    const date = isoDate(fake.slots.slots[index]!.from);
    const [time] = await slots.bookableTimes({ service: '7003', participants: 3, date });
    assert.ok(time);
    return slots.book({
      service: '7003',
      staff: null,
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 3,
      customer: customer(first),
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
    });
  }

  test('a group booking of three answers three participants (addappt does not say)', async () => {
    assert.equal((await bookGroupOfThree(16, 'נועה')).participants, 3);
  });

  test('a fresh read after answering "coming" says coming, with the participants booked (from appthistory)', async () => {
    const booked = await bookGroupOfThree(20, 'יעל');
    await slots.setAttendance(booked.key, 'yes');
    const reloaded = await slots.getBooking(booked.key);
    assert.equal(reloaded.attendance, 'yes');
    assert.equal(reloaded.participants, 3);
  });

  test('manages a booking: reads it, answers iscoming, cancels with the vfib', async () => {
    const date = isoDate(fake.slots.slots[12]!.from);
    const [time] = await slots.bookableTimes({ service: '7002', staff: '8002', participants: 1, date });
    assert.ok(time);
    const booked = await slots.book({
      service: '7002',
      staff: '8002',
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      customer: customer(),
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
    });

    const read = await slots.getBooking(booked.key);
    assert.deepEqual({ ...read, attendance: 'unknown' }, { ...booked, attendance: 'unknown' });

    const coming = await slots.setAttendance(booked.key, 'yes');
    assert.equal(coming.attendance, 'yes');
    const stored = fake.slots.appointments.find((a) => a.id === booked.key['apptId'])!;
    assert.equal(stored.iscoming, 1);
    assert.equal((await slots.setAttendance(booked.key, 'no')).attendance, 'no');
    assert.equal(stored.iscoming, 2);

    await assert.rejects(slots.getBooking({ ...booked.key, vfib: 'AAAAAAAAAAAAAAAA' }), { code: 'not_found' });
    await assert.rejects(slots.cancel({ ...booked.key, vfib: 'AAAAAAAAAAAAAAAA' }), { code: 'not_found' });
    assert.equal(stored.status, '1', 'a wrong vfib cancels nothing');

    const cancelled = await slots.cancel(booked.key);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(stored.status, '0');
    assert.equal((await slots.getBooking(booked.key)).status, 'cancelled');
    const again = await slots.bookableTimes({ service: '7002', staff: '8002', participants: 1, date });
    assert.ok(
      again.some((t) => t.hold['slotId'] === time.hold['slotId']),
      'the slot is free again',
    );
    await assert.rejects(slots.getBooking({ apptId: '424242', vfib: 'X' }), { code: 'not_found' });
  });
});

describe('a Tor4You open-calendar site (signed parameters)', () => {
  test('signs every call and books on an open calendar', async () => {
    assert.equal((await open.site()).calendar, 'open');
    assert.ok(fake.calls.filter((c) => c.siteId === '5002').every((c) => c.auth === 'signed'));
  });

  test('gives each service the branches of its staff', async () => {
    const catalog = await open.catalog();
    assert.deepEqual(
      catalog.services.map((s) => [s.id, s.branchIds]),
      [
        ['7101', ['9101', '9102']],
        ['7102', ['9101']],
      ],
    );
    assert.deepEqual(
      catalog.branches.map((b) => b.address),
      ['הנביאים 5, חיפה', 'באר שבע'],
    );
  });

  test('splits date ranges at 31 days and stops at max_create_period', async () => {
    const today = todayIn('Asia/Jerusalem', new Date());
    const before = fake.count('availability', '5002');
    const dates = await open.bookableDates({ service: '7101', participants: 1, from: today, to: addDays(today, 59) });
    assert.equal(fake.count('availability', '5002') - before, 1, 'max_create_period is 30 days: one call covers it');
    assert.ok(dates.length > 15);
    assert.ok(dates.every((d) => d >= today && d <= addDays(today, 30)));
    const branchDates = await open.bookableDates({ service: '7101', branch: '9102', participants: 1, from: today, to: addDays(today, 40) });
    assert.equal(fake.calls.at(-1)?.params['branch'], '9102');
    assert.ok(branchDates.length > 0);
  });

  test('books an open time with from/to and staff; that staff member is then busy', async () => {
    const today = todayIn('Asia/Jerusalem', new Date());
    const [date] = await open.bookableDates({ service: '7102', staff: '8101', participants: 1, from: addDays(today, 2), to: addDays(today, 9) });
    assert.ok(date);
    const times = await open.bookableTimes({ service: '7102', staff: '8101', participants: 1, date });
    const time = times[0]!;
    assert.equal((Date.parse(time.end) - Date.parse(time.start)) / 60_000, 90);
    assert.deepEqual(time.staff, { id: '8101', name: 'רונית אברהם' });
    const booking = await open.book({
      service: '7102',
      staff: '8101',
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      customer: customer(),
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
    });
    const stored = fake.open.appointments.find((a) => a.id === booking.key['apptId'])!;
    assert.equal(stored.from, time.hold['from']);
    assert.equal(stored.sendnotice, false, 'the site turned notices off');
    assert.equal(booking.start, time.start);
    const after = await open.bookableTimes({ service: '7102', staff: '8101', participants: 1, date });
    assert.ok(!after.some((t) => t.start === time.start));
    await assert.rejects(
      open.book({
        service: '7102',
        staff: '8101',
        branch: null,
        start: time.start,
        end: time.end,
        hold: time.hold,
        participants: 1,
        customer: customer('דוד'),
        lang: 'he',
        idempotencyKey: crypto.randomUUID(),
        resumed: false,
      }),
      { code: 'slot_taken' },
    );
    assert.equal((await open.cancel(booking.key)).status, 'cancelled');
  });
});
