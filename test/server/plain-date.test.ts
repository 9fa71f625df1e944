/**
 * The plain-date module counts days the same whatever the machine's own zone: each case runs with the process in
 * zones whose clocks change at midnight (so local midnight is skipped or repeated there) and far from UTC.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { addDays, addMonths, daysBetween, eachDay, monthGrid, parse, startOfWeek, todayIn, weekday } from '../../src/contract/plain-date.ts';

const machineZones = ['America/Santiago', 'Asia/Beirut', 'America/Havana', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
const original = process.env['TZ'];
after(() => {
  if (original === undefined) delete process.env['TZ'];
  else process.env['TZ'] = original;
});

/** Runs `check` once per machine zone; the zone is part of the failure message. */
function inEveryMachineZone(check: () => void): void {
  for (const zone of machineZones) {
    process.env['TZ'] = zone;
    assert.equal(new Intl.DateTimeFormat().resolvedOptions().timeZone, zone, 'the process follows TZ');
    try {
      check();
    } catch (error) {
      (error as Error).message = `with TZ=${zone}: ${(error as Error).message}`;
      throw error;
    }
  }
}

describe('plain dates whatever the machine’s zone', () => {
  test('days added across the machine’s own clock changes stay whole days', () => {
    inEveryMachineZone(() => {
      // Santiago 2026-09-06, Beirut 2026-03-29, Havana 2026-03-08: local midnight does not exist on these days.
      for (const day of ['2026-09-05', '2026-09-06', '2026-03-28', '2026-03-29', '2026-03-07', '2026-03-08', '2026-04-04', '2026-10-24']) {
        assert.equal(addDays(addDays(day, 1), -1), day);
        assert.equal(daysBetween(day, addDays(day, 1)), 1);
      }
      assert.deepEqual(eachDay('2026-09-04', '2026-09-08'), ['2026-09-04', '2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08']);
      assert.equal(daysBetween('2026-01-01', '2027-01-01'), 365);
    });
  });

  test('a string that is not a real date is refused, never rolled over to another day', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-04-31', '0050-01-01', '2026-1-01', '2026-01-01T00:00', ''])
      assert.throws(() => addDays(bad, 0), RangeError, bad);
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.deepEqual(eachDay('2026-09-08', '2026-09-04'), []);
    assert.deepEqual(eachDay('2026-12-31', '2027-01-01'), ['2026-12-31', '2027-01-01']);
  });

  test('weekdays, weeks, months and grids do not move with the machine', () => {
    inEveryMachineZone(() => {
      assert.equal(weekday('2026-09-06'), 0);
      assert.equal(startOfWeek('2026-09-09', 0), '2026-09-06');
      assert.equal(startOfWeek('2026-09-06', 1), '2026-08-31');
      assert.equal(addMonths('2026-08-31', 1), '2026-09-30');
      assert.equal(parse('2026-09-06').toISOString(), '2026-09-06T00:00:00.000Z');
      const september = monthGrid('2026-09', 0);
      assert.deepEqual(september[1], ['2026-09-06', '2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11', '2026-09-12']);
      assert.equal(september.flat().filter(Boolean).length, 30);
    });
  });

  test('today is the site’s date, not the machine’s', () => {
    inEveryMachineZone(() => {
      const instant = new Date('2026-12-01T23:30:00Z');
      assert.equal(todayIn('Asia/Jerusalem', instant), '2026-12-02');
      assert.equal(todayIn('America/Los_Angeles', instant), '2026-12-01');
      assert.equal(todayIn('Pacific/Kiritimati', new Date('2026-12-01T09:59:00Z')), '2026-12-01');
      assert.equal(todayIn('Pacific/Kiritimati', new Date('2026-12-01T10:00:00Z')), '2026-12-02');
    });
  });
});
