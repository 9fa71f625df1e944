import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attendanceOf, slotTimes, statusOf, timesOfHold, toBooking } from '../../src/server/providers/timetap/mapping.ts';
import { zoneResolver } from '../../src/server/providers/timetap/catalog.ts';
import { sessionSignature } from '../../src/server/providers/timetap/client.ts';
import { datesTouching, instantOf, militaryOf, minuteOfMilitary, wallClockOf, wallTimeExists } from '../../src/server/providers/timetap/time.ts';
import * as wire from '../../src/server/providers/timetap/wire.ts';

const ny = 'America/New_York';
const utc = (instant: number) => new Date(instant).toISOString();

describe('TimeTap wire to domain, without a network', () => {
  test('the session signature matches the worked example of the notes', () => {
    assert.equal(sessionSignature('1234', 'PRIVKEY'), '37586f9b2720d1d259e8188a72306125');
  });

  test('military times are unpadded integers', () => {
    assert.equal(minuteOfMilitary(930), 9 * 60 + 30);
    assert.equal(minuteOfMilitary(15), 15, '00:15 is 15');
    assert.equal(minuteOfMilitary(0), 0);
    assert.equal(minuteOfMilitary(2359), 23 * 60 + 59);
    for (const wrong of [960, 2400, -5, 9.5]) assert.equal(minuteOfMilitary(wrong), null, String(wrong));
    assert.equal(militaryOf(15), 15);
    assert.equal(militaryOf(14 * 60 + 45), 1445);
    assert.deepEqual(
      wire.dayAnswer.parse([{ clientStartTime: '1400', clientEndTime: 1430 }])[0]!.clientStartTime,
      1400,
      'a time sent as text is read too',
    );
  });

  test('New York, spring forward (8 March 2026): before, the skipped hour, after', () => {
    assert.equal(utc(instantOf(ny, '2026-03-08', 130)), '2026-03-08T06:30:00.000Z', '01:30 is still EST (-05:00)');
    assert.equal(wallTimeExists(ny, '2026-03-08', 230), false, '02:30 does not happen that night');
    assert.equal(utc(instantOf(ny, '2026-03-08', 230)), '2026-03-08T07:30:00.000Z', 'read with the offset before, if it comes anyway');
    assert.equal(utc(instantOf(ny, '2026-03-08', 930)), '2026-03-08T13:30:00.000Z', '09:30 is EDT (-04:00)');
    assert.deepEqual(wallClockOf(ny, Date.parse('2026-03-08T13:30:00Z')), { date: '2026-03-08', time: 930 });
  });

  test('New York, fall back (1 November 2026): the repeated hour is the first, the day after is EST', () => {
    assert.equal(utc(instantOf(ny, '2026-11-01', 130)), '2026-11-01T05:30:00.000Z', 'the first 01:30 (EDT)');
    assert.equal(utc(instantOf(ny, '2026-11-01', 15)), '2026-11-01T04:15:00.000Z', '00:15, sent as 15');
    assert.equal(utc(instantOf(ny, '2026-11-01', 930)), '2026-11-01T14:30:00.000Z', '09:30 is EST (-05:00)');
    assert.deepEqual(wallClockOf(ny, Date.parse('2026-11-01T06:30:00Z')), { date: '2026-11-01', time: 130 }, 'the second 01:30 reads back as 130');
    assert.equal(
      utc(instantOf('America/Los_Angeles', '2026-11-01', 300)),
      '2026-11-01T11:00:00.000Z',
      'and for a staff member in Los Angeles, 03:00 is PST',
    );
  });

  test("a site day in New York touches two of a Los Angeles staff member's days, one of a Chicago one's only by an hour", () => {
    assert.deepEqual(datesTouching(ny, '2026-12-03', 'America/Los_Angeles'), ['2026-12-02', '2026-12-03']);
    assert.deepEqual(datesTouching(ny, '2026-12-03', ny), ['2026-12-03']);
    assert.deepEqual(datesTouching(ny, '2026-03-08', 'America/Chicago'), ['2026-03-07', '2026-03-08']);
  });

  test('a slot is completed from the visit and the buffers, across midnight too', () => {
    // The document's own example: 00:15 with 30 minutes of buffer before starts at 23:45 the day before for the staff.
    const service = { durationMinutes: 60, bufferBefore: 30, bufferAfter: 30 };
    assert.deepEqual(slotTimes({ clientStartTime: 15 }, '2026-06-01', service), {
      clientStartDate: '2026-06-01',
      clientStartTime: 15,
      clientEndDate: '2026-06-01',
      clientEndTime: 115,
      startDate: '2026-05-31',
      startTime: 2345,
      endDate: '2026-06-01',
      endTime: 145,
    });
    const late = slotTimes({ clientStartTime: 2300 }, '2026-06-01', service)!;
    assert.deepEqual([late.clientEndDate, late.clientEndTime, late.endDate, late.endTime], ['2026-06-02', 0, '2026-06-02', 30]);
    const given = slotTimes(
      { clientStartDate: '2026-06-01', clientStartTime: 930, clientEndTime: 1030, startTime: 915, endTime: 1100 },
      '2026-06-01',
      service,
    )!;
    assert.deepEqual([given.startTime, given.endTime], [915, 1100], "TimeTap's own staff times win");
    assert.equal(slotTimes({ clientStartTime: 975 }, '2026-06-01', service), null);
    assert.deepEqual(timesOfHold({ ...given, staffId: '1', locationId: '2' }), given);
    assert.equal(timesOfHold({ ...given, startTime: '0915' }), null, 'a hold is read field by field');
  });

  test('status and subStatus in our words', () => {
    const cases: Array<[string, string, string]> = [
      ['OPEN', 'CONFIRMED', 'confirmed'],
      ['OPEN', 'OPEN', 'confirmed'],
      ['PENDING_CONFIRMATION', 'PENDING_CONFIRMATION', 'pending_approval'],
      ['OPEN', 'PENDING_CONFIRMATION', 'pending_approval'],
      ['CANCELLED', 'CANCELLED', 'cancelled'],
      ['OPEN', 'CANCELLED', 'cancelled'],
      ['DELETED', '', 'cancelled'],
      ['NO_SHOW', 'NO_SHOW', 'confirmed'],
      ['COMPLETED', 'INPROGRESS', 'confirmed'],
      ['COMPLETED', 'COMPLETED', 'confirmed'],
    ];
    for (const [status, subStatus, ours] of cases) assert.equal(statusOf(status, subStatus), ours, `${status}/${subStatus}`);
  });

  test('"are you coming?": clientConfirmed is a yes, our answer counts when it is newer', () => {
    assert.equal(attendanceOf({ clientConfirmed: false, clientConfirmedDate: null }, null), 'unknown');
    assert.equal(attendanceOf({ clientConfirmed: true, clientConfirmedDate: 1_000 }, null), 'yes');
    assert.equal(attendanceOf({ clientConfirmed: false, clientConfirmedDate: null }, { answer: 'no', at: 2_000 }), 'no');
    assert.equal(
      attendanceOf({ clientConfirmed: true, clientConfirmedDate: 3_000 }, { answer: 'no', at: 2_000 }),
      'yes',
      'confirmed from the reminder e-mail later',
    );
  });

  test("an appointment of a Chicago staff member, shown in the site's zone", () => {
    const appt = wire.appointment.parse({
      calendarId: 16902079,
      status: 'OPEN',
      subStatus: 'CONFIRMED',
      clientStartDate: '2026-03-09',
      clientEndDate: '2026-03-09',
      clientStartTime: 800,
      clientEndTime: 830,
      clientConfirmed: null,
      clientConfirmedDate: null,
      client: { clientId: 880001 },
      staff: { professionalId: 702, firstName: 'James', lastName: 'Carter' },
      location: { locationId: 501, locationName: 'Midtown Clinic' },
      reason: { reasonId: 601, reasonDesc: 'Consultation' },
      price: null,
      createddate: 1764601552000,
    });
    const booking = toBooking(appt, {
      siteZone: ny,
      staffZone: 'America/Chicago',
      staffName: 'James Carter',
      serviceName: '',
      branchName: null,
      attendance: 'unknown',
    });
    assert.equal(booking.start, '2026-03-09T09:00:00-04:00');
    assert.equal(booking.end, '2026-03-09T09:30:00-04:00');
    assert.deepEqual(booking.key, { calendarId: '16902079', clientId: '880001' });
    assert.deepEqual([booking.status, booking.service.name, booking.branch?.name], ['confirmed', 'Consultation', 'Midtown Clinic']);
  });

  test('the month call is a hint read in its common forms, or not at all', () => {
    assert.deepEqual([...wire.hintedDays({ '1': false, '2': true, '3': 1 }, '2026', '12')!], ['2026-12-02', '2026-12-03']);
    assert.deepEqual([...wire.hintedDays(['2026-12-04', 5], '2026', '12')!], ['2026-12-04', '2026-12-05']);
    assert.deepEqual([...wire.hintedDays({ availableDays: [7] }, '2026', '12')!], ['2026-12-07']);
    assert.equal(wire.hintedDays('<html>', '2026', '12'), null);
    assert.equal(wire.hintedDays({ something: 'else', more: 1 }, '2026', '12'), null);
  });

  test("TimeTap's zone codes map through GET /timezones; an IANA name is used as it is", () => {
    const zoneOf = zoneResolver([{ timeZoneId: 7, timeZoneCode: 'CT', timeZoneDesc: 'Central Time', javaTimeZone: 'America/Chicago' }], ny);
    assert.equal(zoneOf('CT'), 'America/Chicago');
    assert.equal(zoneOf('America/Denver'), 'America/Denver');
    assert.equal(zoneOf('XYZ'), ny, "an unknown code falls back to the site's zone");
  });
});
