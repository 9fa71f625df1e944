/**
 * zonedInstant against a brute force over Intl: in each zone, at every quarter hour of every day 2026-2030 whose
 * clocks change (and a few plain days of zones without changes), the instant is the earliest whose wall clock in the
 * zone reads that date and time, and null when no instant does (the hour skipped going forward).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, eachDay } from '../../src/contract/plain-date.ts';
import { platformInstant, zonedInstant } from '../../src/server/zoned.ts';

const zones = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Anchorage',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'Asia/Jerusalem',
  'Europe/Amsterdam',
  'Europe/Paris',
  'Europe/London',
  'Africa/Cairo',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Honolulu',
];
const quarter = 15 * 60_000;
const hour = 60 * 60_000;

/** Our own formatter, not zoned.ts's cached one: the wall clock of an instant, `YYYY-MM-DD HH:MM`. */
function wallClock(timeZone: string): (instant: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (instant) => {
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
    return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  };
}

const label = (date: string, minute: number) =>
  `${minute >= 1440 ? addDays(date, 1) : date} ${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Days whose wall clock does not run 24 plain hours: the offset 14 h before midnight differs from 38 h after. */
function changeDays(timeZone: string): string[] {
  const wall = wallClock(timeZone);
  const offset = (instant: number) => (Date.parse(`${wall(instant).replace(' ', 'T')}:00Z`) - instant) / 60_000;
  return eachDay('2026-01-01', '2030-12-31').filter((date) => {
    const midnight = Date.parse(`${date}T00:00:00Z`);
    return offset(midnight - 14 * hour) !== offset(midnight + 38 * hour);
  });
}

/** Every instant on the quarter hour that could show this date's walls (all offsets are whole quarter hours). */
function bruteForce(timeZone: string, date: string): Map<string, number> {
  const wall = wallClock(timeZone);
  const earliest = new Map<string, number>();
  const midnight = Date.parse(`${date}T00:00:00Z`);
  for (let t = midnight - 15 * hour; t <= midnight + 39 * hour; t += quarter) {
    const shown = wall(t);
    if (!earliest.has(shown)) earliest.set(shown, t);
  }
  return earliest;
}

/** How far the clocks jumped at the change just before `instant`. */
function skipMs(timeZone: string, instant: number): number {
  const wall = wallClock(timeZone);
  const offset = (t: number) => Date.parse(`${wall(t).replace(' ', 'T')}:00Z`) - t;
  return offset(instant) - offset(instant - 2 * hour);
}

describe('zonedInstant in every zone', () => {
  for (const timeZone of zones) {
    test(timeZone, () => {
      const wall = wallClock(timeZone);
      const days = changeDays(timeZone);
      const checked = days.length > 0 ? days : ['2026-03-08', '2026-10-25', '2028-02-29'];
      let gaps = 0;
      for (const date of checked) {
        const expected = bruteForce(timeZone, date);
        for (let minute = 0; minute <= 1440; minute += 15) {
          const want = expected.get(label(date, minute)) ?? null;
          assert.equal(zonedInstant(timeZone, date, minute), want, `${timeZone} ${label(date, minute)}`);
          if (want !== null) {
            assert.equal(platformInstant(timeZone, date, minute), want);
            continue;
          }
          gaps++;
          // A skipped time a platform still sends reads with the offset before the change: later on the clock, by the skip.
          const read = platformInstant(timeZone, date, minute);
          assert.ok(
            wall(read) > label(date, minute) && wall(read - skipMs(timeZone, read)) < label(date, minute),
            `${timeZone} ${label(date, minute)} read as ${wall(read)}`,
          );
        }
      }
      // Zones with clock changes must have met a skipped hour (or half hour): the gap cases were really checked.
      if (days.length > 0) assert.ok(gaps > 0, `${timeZone}: no skipped wall time among ${days.length} change days`);
    });
  }
});
