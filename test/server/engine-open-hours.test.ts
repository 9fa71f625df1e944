import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStarts, pickFairly, type OpenDayInput } from '../../src/server/providers/embedded/open-hours.ts';
import { zonedInstant, formatInstant } from '../../src/server/zoned.ts';

const tz = 'Asia/Jerusalem';
const day = (date: string, overrides: Partial<OpenDayInput> = {}): OpenDayInput => ({
  shifts: [{ startMinute: 9 * 60, endMinute: 12 * 60 }],
  instantOf: (minute) => zonedInstant(tz, date, minute),
  durationMinutes: 30,
  gridMinutes: 30,
  busy: [],
  earliest: 0,
  latest: Number.MAX_SAFE_INTEGER,
  ...overrides,
});
const shown = (starts: number[]) => starts.map((s) => formatInstant(tz, s).slice(11, 16));
const at = (iso: string) => Date.parse(iso);

describe('open hours', () => {
  it('offers grid-aligned starts whose whole duration fits in the shift', () => {
    assert.deepEqual(shown(openStarts(day('2026-12-01', { durationMinutes: 45 }))), ['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  it('aligns starts to the grid from midnight, not to the shift start', () => {
    const starts = openStarts(
      day('2026-12-01', { shifts: [{ startMinute: 9 * 60 + 10, endMinute: 11 * 60 }], gridMinutes: 20, durationMinutes: 20 }),
    );
    assert.deepEqual(shown(starts), ['09:20', '09:40', '10:00', '10:20', '10:40']);
  });

  it('leaves out starts that overlap time off or another appointment', () => {
    const busy = [{ start: at('2026-12-01T09:15:00+02:00'), end: at('2026-12-01T09:45:00+02:00') }];
    assert.deepEqual(shown(openStarts(day('2026-12-01', { busy }))), ['10:00', '10:30', '11:00', '11:30']);
  });

  it('keeps to the booking window', () => {
    const starts = openStarts(day('2026-12-01', { earliest: at('2026-12-01T10:00:00+02:00'), latest: at('2026-12-01T11:00:00+02:00') }));
    assert.deepEqual(shown(starts), ['10:00', '10:30', '11:00']);
  });

  it('counts real time across a clock change: the night shift of the spring-forward day holds one hour less', () => {
    // Israel moves clocks from 02:00 to 03:00 on 2026-03-27.
    const night = day('2026-03-27', { shifts: [{ startMinute: 0, endMinute: 4 * 60 }], durationMinutes: 60, gridMinutes: 60 });
    const starts = openStarts(night);
    assert.deepEqual(
      starts.map((s) => formatInstant(tz, s)),
      ['2026-03-27T00:00:00+02:00', '2026-03-27T01:00:00+02:00', '2026-03-27T03:00:00+03:00'],
    );
  });

  it('merges overlapping shifts without repeating a start', () => {
    const starts = openStarts(
      day('2026-12-01', {
        shifts: [
          { startMinute: 540, endMinute: 630 },
          { startMinute: 600, endMinute: 660 },
        ],
      }),
    );
    assert.deepEqual(shown(starts), ['09:00', '09:30', '10:00', '10:30']);
  });
});

describe('fair choice', () => {
  it('gives every free staff member an equal share of the random range', () => {
    const free = ['a', 'b', 'c', 'd'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const pick = pickFairly(free, () => i / 400);
      counts.set(pick, (counts.get(pick) ?? 0) + 1);
    }
    assert.deepEqual([...counts.values()], [100, 100, 100, 100]);
    assert.equal(
      pickFairly(free, () => 0.9999999),
      'd',
    );
  });
});
