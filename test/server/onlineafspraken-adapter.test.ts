import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import { createOnlineAfsprakenProvider } from '../../src/server/providers/onlineafspraken/adapter.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { zonedDate } from '../../src/server/zoned.ts';
import { amsterdamToday, bookInput, firstTime } from '../fakes/onlineafspraken/helpers.ts';
import { startOnlineAfsprakenFake, type OnlineAfsprakenFake } from '../fakes/onlineafspraken/server.ts';
import { fakeSites } from '../fakes/onlineafspraken/sites.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/;
let fake: OnlineAfsprakenFake;
let salon: Provider;
let fysio: Provider;
const log = memoryLog();

before(async () => {
  fake = await startOnlineAfsprakenFake();
  const sites = fakeSites(fake);
  salon = createOnlineAfsprakenProvider(sites.salon, { clock: systemClock, log, env: sites.env });
  fysio = createOnlineAfsprakenProvider(sites.fysio, { clock: systemClock, log, env: sites.env });
});
after(() => fake.close());

describe('an OnlineAfspraken salon (SHA1, confirmation codes)', () => {
  test('tells the agenda’s name, that it books on times, and that it has no "are you coming?"', async () => {
    assert.deepEqual(await salon.site(), { name: 'Kapsalon Amstel', calendar: 'slots', attendance: false });
    assert.deepEqual(fake.calls.find((c) => c.method === 'getAgenda')?.params, { Id: '1337' });
  });

  test('offers the types a consumer may book, with their enabled resources as staff', async () => {
    const catalog = await salon.catalog();
    assert.deepEqual(
      catalog.services.map((s) => [s.id, s.name, s.durationMinutes, s.price, s.staffIds]),
      [
        ['101', 'Knippen', 30, 35, ['187', '188']],
        ['102', 'Kleuren', 90, 80, ['188']],
        ['105', 'Workshop haarverzorging', 120, null, []],
      ],
    );
    assert.deepEqual(
      catalog.staff.map((s) => s.name),
      ['Sanne de Vries', 'Daan Bakker'],
    );
  });

  test('dates of a month come from one getBookableDays, clipped to the type’s notice and advance limits', async () => {
    const today = amsterdamToday();
    const before = fake.count('getBookableDays');
    const dates = await salon.bookableDates({ service: '101', participants: 1, from: addDays(today, -5), to: addDays(today, 60) });
    assert.equal(fake.count('getBookableDays') - before, 1);
    const sent = fake.calls.filter((c) => c.method === 'getBookableDays').at(-1)!.params;
    // Knippen needs an hour's notice: late in the evening the first date to ask for is tomorrow.
    assert.equal(sent['StartDate'], zonedDate('Europe/Amsterdam', Date.now() + 60 * 60_000), 'never before today plus the notice');
    const last = zonedDate('Europe/Amsterdam', Date.now() + 43_200 * 60_000);
    assert.equal(sent['EndDate'], last, 'MaxTimeBeforeAppointment is 30 days');
    assert.ok(dates.length > 15 && dates.every((d) => d >= today && d <= last));
    assert.ok(!dates.some((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 0), 'closed on Sundays');
  });

  test('times for "any" are one per start (the platform picks the resource); for a chosen resource they name it', async () => {
    const any = await firstTime(salon, '101');
    assert.match(any.start, rfc3339);
    assert.equal(any.staff, null);
    assert.equal(any.hold['resource'], '');
    const date = String(any.hold['date']);
    const anyTimes = await salon.bookableTimes({ service: '101', participants: 1, date });
    assert.equal(new Set(anyTimes.map((t) => t.start)).size, anyTimes.length, 'no start twice although two resources answer');
    const daan = await salon.bookableTimes({ service: '101', staff: '188', participants: 1, date });
    assert.deepEqual(daan[0]!.staff, { id: '188', name: 'Daan Bakker' });
    assert.equal(fake.calls.filter((c) => c.method === 'getBookableTimes').at(-1)!.params['ResourceId'], '188');
  });

  test('where the customer came from (utm_*) joins the Description, which has no field of its own', async () => {
    const time = await firstTime(salon, '101', '187');
    await salon.book(bookInput(time, '101', { attribution: { utm_medium: 'email', utm_source: 'nieuwsbrief' } }));
    const sent = fake.calls.filter((c) => c.method === 'setAppointment').at(-1)!.params;
    assert.equal(sent['Description'], 'Graag kort\nSource: utm_source=nieuwsbrief, utm_medium=email');
  });

  test('books as pending_code: a new customer, then setAppointment with the notes as Description and Toelichting', async () => {
    const time = await firstTime(salon, '101', '187');
    const booking = await salon.book(
      bookInput(time, '101', {
        customer: { firstName: 'Eva', lastName: 'Smit', cell: '0622222222', email: 'eva@example.nl', notes: 'Pony bijwerken' },
      }),
    );
    assert.equal(booking.status, 'pending_code');
    assert.deepEqual([booking.start, booking.end, booking.staff], [time.start, time.end, { id: '187', name: 'Sanne de Vries' }]);
    const sent = fake.calls.filter((c) => c.method === 'setAppointment').at(-1)!.params;
    assert.deepEqual(
      { ...sent, CustomerId: undefined },
      {
        AgendaId: '1337',
        AppointmentTypeId: '101',
        Date: time.hold['date'],
        StartTime: time.hold['time'],
        ResourceId: '187',
        Description: 'Pony bijwerken',
        Toelichting: 'Pony bijwerken',
        CustomerId: undefined,
      },
    );
    const customer = fake.salon.customers.find((c) => c.Email === 'eva@example.nl')!;
    assert.deepEqual([customer.FirstName, customer.LastName, customer.MobilePhone], ['Eva', 'Smit', '0622222222']);
    assert.equal(fake.count('requiresConfirmation', fake.salon), 1);
  });

  test('a customer known by e-mail is reused: a second booking makes no second customer', async () => {
    const before = fake.salon.customers.length;
    const time = await firstTime(salon, '102');
    await salon.book(
      bookInput(time, '102', { customer: { firstName: 'Gerrit', lastName: 'Pieterse', cell: '0612345678', email: 'GERRIT@example.nl', notes: 'x' } }),
    );
    assert.equal(fake.salon.customers.length, before);
    assert.equal(fake.salon.appointments.at(-1)!.CustomerId, '5001');
  });

  test('the code the platform sent confirms the booking; a wrong one is code_wrong and changes nothing', async () => {
    const booking = await salon.book(bookInput(await firstTime(salon, '101'), '101'));
    await assert.rejects(salon.confirmCode!(booking.key, '000000'), { code: 'code_wrong' });
    assert.equal((await salon.getBooking(booking.key)).status, 'pending_code');
    const confirmed = await salon.confirmCode!(booking.key, fake.codeFor(booking.key['id']!)!);
    assert.equal(confirmed.status, 'confirmed');
    assert.deepEqual(Object.keys(fake.calls.filter((c) => c.method === 'confirmAppointment').at(-1)!.params).sort(), ['ConfirmationCode', 'id']);
    await assert.rejects(salon.confirmCode!(booking.key, '123456'), { code: 'booking_not_pending' });
  });

  test('a booked time is gone from the times and cannot be booked again: slot_taken', async () => {
    const time = await firstTime(salon, '102');
    await salon.book(bookInput(time, '102'));
    const again = await salon.bookableTimes({ service: '102', participants: 1, date: String(time.hold['date']) });
    assert.ok(!again.some((t) => t.start === time.start));
    await assert.rejects(salon.book(bookInput(time, '102')), { code: 'slot_taken' });
  });

  test('manage: the booking as the platform has it; DryRun says whether cancelling is still possible; cancel cancels', async () => {
    const booking = await salon.book(bookInput(await firstTime(salon, '101', undefined, 3), '101'));
    const read = await salon.getBooking(booking.key);
    assert.deepEqual([read.status, read.service, read.attendance], ['pending_code', { id: '101', name: 'Knippen' }, 'unknown']);
    const dryRuns = fake.calls.filter((c) => c.method === 'cancelAppointment').length;
    assert.equal(await salon.cancelCheck!(booking.key), true);
    assert.deepEqual(fake.calls.filter((c) => c.method === 'cancelAppointment').at(-1)!.params, {
      Id: booking.key['id'],
      Mode: 'customer',
      DryRun: '1',
    });
    assert.equal((await salon.getBooking(booking.key)).status, 'pending_code', 'a dry run cancels nothing');
    const cancelled = await salon.cancel(booking.key);
    assert.equal(cancelled.status, 'cancelled');
    const cancels = fake.calls.filter((c) => c.method === 'cancelAppointment').slice(dryRuns + 1);
    assert.deepEqual(
      cancels.map((c) => c.params['DryRun'] ?? 'none'),
      ['1', 'none'],
      'the real cancel only after a dry run',
    );
    assert.equal((await salon.getBooking(booking.key)).status, 'cancelled');
  });

  test('inside the cancel deadline the dry run refuses: cancelCheck is false and cancel is cancel_not_allowed, nothing cancelled', async () => {
    // Kleuren may be cancelled until a week before; its first time from tomorrow is inside that.
    const booking = await salon.book(bookInput(await firstTime(salon, '102'), '102'));
    assert.equal(await salon.cancelCheck!(booking.key), false);
    const before = fake.calls.filter((c) => c.method === 'cancelAppointment' && c.params['DryRun'] !== '1').length;
    await assert.rejects(salon.cancel(booking.key), { code: 'cancel_not_allowed' });
    assert.equal(fake.calls.filter((c) => c.method === 'cancelAppointment' && c.params['DryRun'] !== '1').length, before, 'no real cancel was sent');
    assert.notEqual((await salon.getBooking(booking.key)).status, 'cancelled');
    assert.ok(
      log.lines.some((l) => l['method'] === 'cancelAppointment' && String(l['upstreamMessage']).includes('annuleringstermijn')),
      'the platform’s words go to the log',
    );
  });

  test('"are you coming?" is refused, not faked', async () => {
    await assert.rejects(salon.setAttendance({ id: '1' }, 'yes'), { code: 'attendance_not_allowed' });
  });

  test('an appointment of another agenda on the same account is not found through this site', async () => {
    fake.salon.appointments.push({ ...fake.salon.appointments[0]!, Id: '99999', AgendaId: '1338' });
    await assert.rejects(salon.getBooking({ id: '99999' }), { code: 'not_found' });
    await assert.rejects(salon.getBooking({ id: 'abc' }), { code: 'not_found' });
  });
});

describe('an OnlineAfspraken practice (SHA256, no codes, an agenda without a name)', () => {
  test('every call is signed with SHA256, and the site’s name comes from the config', async () => {
    assert.equal((await fysio.site()).name, 'Fysiopraktijk Oost');
    assert.ok(fake.calls.filter((c) => c.account === fake.fysio.key).every((c) => !c.refused));
  });

  test('a one-resource, one-type account reads as lists; a booking is confirmed at once', async () => {
    const catalog = await fysio.catalog();
    assert.deepEqual([catalog.services.length, catalog.staff.length], [1, 1]);
    const time = await firstTime(fysio, '201');
    const booking = await fysio.book(
      bookInput(time, '201', { customer: { firstName: 'Piet', lastName: 'Jansen', cell: '+31633333333', email: 'piet@example.nl' } }),
    );
    assert.equal(booking.status, 'confirmed');
    assert.equal(fake.calls.filter((c) => c.method === 'setAppointment').at(-1)!.params['Description'], undefined, 'no notes, no Description');
  });
});
