/**
 * A month of dates stops at each date's first free start (findDates in the engine's availability.ts) instead of
 * computing every time: it must still offer exactly the dates whose times list is not empty. Checked on seeded
 * random open calendars: several staff, branches, overlapping shifts, time off, bookings, booking windows, with and
 * without a chosen staff member or branch, over a month holding a clock change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/contract/plain-date.ts';
import { bookInput, engineFixture, newSiteId, siteConfig, type EngineFixture } from './helpers/engine.ts';

// Europe/Amsterdam goes to summer time on Sunday 2027-03-28; the month asked runs 2027-03-15 to 2027-04-13.
const NOW = '2027-03-14T07:00:00Z';
const from = '2027-03-15';
const to = addDays(from, 29);
const timeZone = 'Europe/Amsterdam';

/** A fixed sequence, so a failure names the seed that shows it. */
function seeded(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: T[]) => list[Math.floor(next() * list.length)]!,
  };
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

async function randomSite(seed: number) {
  const r = seeded(seed);
  const a = f.engine.admin;
  const id = newSiteId(`dates-${seed}`);
  await a.addSite({ id, name: `Dates ${seed}`, calendar: 'open' });
  const branches = await Promise.all(Array.from({ length: r.int(0, 2) }, (_, i) => a.addBranch(id, { name: `Branch ${i}` })));
  const staff: string[] = [];
  for (let i = 0; i < r.int(1, 4); i++) {
    const member = await a.addStaff(id, {
      name: `Member ${i}`,
      showorder: r.int(1, 5),
      branchId: branches.length > 0 && r.next() < 0.5 ? r.pick(branches) : null,
    });
    staff.push(member);
    for (const weekday of [0, 1, 2, 3, 4, 5, 6].filter(() => r.next() < 0.4)) {
      // One or two shifts a day, which may overlap; some at a branch of their own.
      for (let s = 0; s < r.int(1, 2); s++) {
        const start = r.int(0, 20) * 30;
        const end = Math.min(24 * 60, start + r.int(1, 12) * 30);
        await a.addHours(member, {
          weekday,
          from: clock(start),
          to: clock(end),
          branchId: branches.length > 0 && r.next() < 0.3 ? r.pick(branches) : null,
        });
      }
    }
    // Time off: a few hours, or whole days.
    for (let t = 0; t < r.int(0, 3); t++) {
      const start = Date.parse(`${addDays(from, r.int(0, 29))}T${String(r.int(0, 12)).padStart(2, '0')}:00:00+01:00`);
      const hours = r.pick([2, 5, 24, 48]);
      await a.addTimeOff(member, { from: new Date(start).toISOString(), to: new Date(start + hours * 3_600_000).toISOString() });
    }
  }
  const service = await a.addService(id, {
    name: 'Visit',
    duration: r.pick([15, 30, 45, 60, 90, 150]),
    grid: r.pick([15, 30, 60]),
    minCreatePeriod: r.pick([0, 60, 60 * 24 * 3]),
    maxCreatePeriod: r.pick([10, 20, 60]),
    staffIds: staff,
  });
  const provider = f.engine.providerFor(siteConfig(id, { timezone: timeZone }));
  // Some of the times booked, so appointments take time away too.
  for (let b = 0; b < r.int(0, 6); b++) {
    const date = addDays(from, r.int(0, 20));
    const times = await provider.bookableTimes({ service, participants: 1, date });
    if (times.length > 0) await provider.book(bookInput(r.pick(times), service, { idempotencyKey: `dates-${seed}-${b}` }));
  }
  return { r, staff, branches, service, provider };
}

describe('dates offered by an open calendar', () => {
  it('are exactly the dates that have times, on 16 random calendars and every way of asking', async () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const site = await randomSite(seed);
      const asks = [
        {},
        { staff: site.r.pick(site.staff) },
        ...(site.branches.length > 0
          ? [{ branch: site.r.pick(site.branches) }, { staff: site.r.pick(site.staff), branch: site.r.pick(site.branches) }]
          : []),
      ];
      for (const ask of asks) {
        const query = { service: site.service, participants: 1, ...ask };
        const dates = await site.provider.bookableDates({ ...query, from, to });
        const withTimes: string[] = [];
        for (let d = 0; d < 30; d++) {
          const date = addDays(from, d);
          if ((await site.provider.bookableTimes({ ...query, date })).length > 0) withTimes.push(date);
        }
        assert.deepEqual(dates, withTimes, `seed ${seed}, ${JSON.stringify(ask)}`);
        if (dates.length > 0 && dates.length < 30) nonEmpty++;
      }
    }
    // The calendars are not all empty or all full: the comparison says something.
    assert.ok(nonEmpty >= 10, `${nonEmpty} asks had some dates but not all`);
  });
});
