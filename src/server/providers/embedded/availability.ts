import type { Queryable } from '../../db/database.ts';
import type { Hold } from '../provider.ts';
import { hasOpenStart, openStarts, pickFairly, type Interval, type OpenDayInput, type Shift } from './open-hours.ts';
import { canOffer, shownPlaces } from './slot-capacity.ts';
import { freshFixedData, type FixedData } from './fixed-data.ts';
import { busyTimes, numericId, slotsFor, toMs, type ServiceRow, type StaffRow } from './store.ts';
import { addDays, eachDay, weekday } from '../../../contract/plain-date.ts';
import { dayClock, zonedDate, zonedInstant } from '../../zoned.ts';

export interface EngineSite {
  id: string;
  timeZone: string;
  calendar: 'open' | 'slots';
}

export interface AvailabilityQuery {
  service: string;
  staff?: string | null | undefined;
  branch?: string | null | undefined;
  participants: number;
  from: string;
  to: string;
}

/** One bookable time, before it is formatted for the site. */
export interface FoundTime {
  date: string;
  start: number;
  end: number;
  staff: { id: string; name: string };
  branchId: number | null;
  placesLeft: number | null;
  hold: Hold;
}

/** The first instant of a plain date (midnight, or the first minute that exists when clocks jump at midnight). */
export function dayStart(timeZone: string, date: string): number {
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    const instant = zonedInstant(timeZone, date, minute);
    if (instant !== null) return instant;
  }
  throw new Error(`no instant on ${date} in ${timeZone}`);
}

/**
 * The booking window of a service: from min_create_period minutes after now to the end of the site's date
 * max_create_period days ahead (a customer reads "up to 9 days ahead" as the whole ninth day).
 */
export function bookingWindow(service: ServiceRow, now: number, timeZone: string): { earliest: number; latest: number } {
  const lastDate = addDays(zonedDate(timeZone, now), service.max_create_period);
  return { earliest: now + service.min_create_period * 60_000, latest: dayStart(timeZone, addDays(lastDate, 1)) - 1 };
}

/**
 * Every bookable time from `from` to `to` (site dates): bookableTimes and a booking's re-check come from here, and
 * findDates offers exactly the dates these have (test/server/engine-dates-property.test.ts). Staff omitted: each
 * time once, its staff chosen fairly.
 */
export async function findTimes(
  db: Queryable,
  site: EngineSite,
  query: AvailabilityQuery,
  now: number,
  random: () => number,
  fixed: FixedData = freshFixedData(db),
): Promise<FoundTime[]> {
  const asked = await readAsked(fixed, site, query);
  if (site.calendar === 'slots') return slotTimes(db, fixed, site, query, asked, now);
  return openTimes(await openWeek(db, fixed, site, query, asked, now), query, random);
}

/**
 * The dates from `from` to `to` that have a bookable time: the dates of findTimes, but on an open calendar each
 * date stops at its first free start, so a month costs what its first free times cost, not what all of them do.
 */
export async function findDates(
  db: Queryable,
  site: EngineSite,
  query: AvailabilityQuery,
  now: number,
  fixed: FixedData = freshFixedData(db),
): Promise<string[]> {
  const asked = await readAsked(fixed, site, query);
  if (site.calendar === 'slots') {
    const found = await slotTimes(db, fixed, site, query, asked, now);
    return [...new Set(found.map((t) => t.date))];
  }
  const week = await openWeek(db, fixed, site, query, asked, now);
  const bookable = (date: string) => {
    const instantOf = dayClock(site.timeZone, date);
    for (const member of week.staff) {
      for (const shifts of week.shifts.get(member.id)?.get(weekday(date))?.values() ?? []) {
        if (hasOpenStart(week.day(member, shifts, instantOf))) return true;
      }
    }
    return false;
  };
  return eachDay(query.from, query.to).filter(bookable);
}

/** What findTimes and findDates both start from: the service, the asked dates as instants, the branch id (-1: none such). */
interface Asked {
  service: ServiceRow;
  range: Interval;
  branch: number | null;
}

async function readAsked(fixed: FixedData, site: EngineSite, query: AvailabilityQuery): Promise<Asked> {
  return {
    service: await fixed.service(site.id, query.service),
    range: { start: dayStart(site.timeZone, query.from), end: dayStart(site.timeZone, addDays(query.to, 1)) },
    branch: query.branch == null ? null : (numericId(query.branch) ?? -1),
  };
}

/** What an open calendar's computation reads once: who, their shifts by weekday and branch, their busy times. */
interface OpenWeek {
  timeZone: string;
  service: ServiceRow;
  staff: StaffRow[];
  /** staff id → weekday → branch id → shifts. */
  shifts: Map<number, Map<number, Map<number | null, Shift[]>>>;
  day(member: StaffRow, shifts: Shift[], instantOf: (minute: number) => number | null): OpenDayInput;
}

async function openWeek(
  db: Queryable,
  fixed: FixedData,
  site: EngineSite,
  query: AvailabilityQuery,
  { service, range, branch }: Asked,
  now: number,
): Promise<OpenWeek> {
  const staff = await fixed.providers(site.id, service.id, query.staff);
  const ids = staff.map((s) => s.id);
  const [hours, busy] = await Promise.all([fixed.hours(site.id, ids), busyTimes(db, ids, range, now)]);
  const window = bookingWindow(service, now, site.timeZone);
  const shifts: OpenWeek['shifts'] = new Map();
  for (const h of hours) {
    const branchId = h.branch_id === null ? null : Number(h.branch_id);
    if (branch !== null && branchId !== null && branchId !== branch) continue;
    const byWeekday = shifts.get(Number(h.staff_id)) ?? new Map<number, Map<number | null, Shift[]>>();
    shifts.set(Number(h.staff_id), byWeekday);
    const byBranch = byWeekday.get(h.weekday) ?? new Map<number | null, Shift[]>();
    byWeekday.set(h.weekday, byBranch);
    const list = byBranch.get(branchId) ?? [];
    byBranch.set(branchId, list);
    list.push({ startMinute: h.start_minute, endMinute: h.end_minute });
  }
  return {
    timeZone: site.timeZone,
    service,
    staff,
    shifts,
    day: (member, memberShifts, instantOf) => ({
      shifts: memberShifts,
      instantOf,
      durationMinutes: service.duration,
      gridMinutes: service.grid,
      busy: busy.get(member.id) ?? [],
      ...window,
    }),
  };
}

function openTimes(week: OpenWeek, query: AvailabilityQuery, random: () => number): FoundTime[] {
  const duration = week.service.duration * 60_000;
  const found: FoundTime[] = [];
  for (const date of eachDay(query.from, query.to)) {
    const dayOfWeek = weekday(date);
    const instantOf = dayClock(week.timeZone, date);
    // Free staff per start instant, in display order.
    const byStart = new Map<number, { staff: StaffRow; branchId: number | null }[]>();
    for (const member of week.staff) {
      const taken = new Set<number>();
      for (const [branchId, shifts] of week.shifts.get(member.id)?.get(dayOfWeek) ?? []) {
        for (const start of openStarts(week.day(member, shifts, instantOf))) {
          if (taken.has(start)) continue;
          taken.add(start);
          const list = byStart.get(start) ?? [];
          list.push({ staff: member, branchId });
          byStart.set(start, list);
        }
      }
    }
    for (const start of [...byStart.keys()].sort((a, b) => a - b)) {
      const choice = pickFairly(byStart.get(start)!, random);
      found.push({
        date,
        start,
        end: start + duration,
        staff: { id: String(choice.staff.id), name: choice.staff.name },
        branchId: choice.branchId,
        placesLeft: null,
        hold:
          choice.branchId === null ? { staffId: String(choice.staff.id) } : { staffId: String(choice.staff.id), branchId: String(choice.branchId) },
      });
    }
  }
  return found;
}

async function slotTimes(
  db: Queryable,
  fixed: FixedData,
  site: EngineSite,
  query: AvailabilityQuery,
  { service, range, branch }: Asked,
  now: number,
): Promise<FoundTime[]> {
  const staffId = query.staff == null ? null : (await fixed.providers(site.id, service.id, query.staff))[0]!.id;
  const rows = await slotsFor(db, site.id, service.id, staffId, range, now);
  const window = bookingWindow(service, now, site.timeZone);
  const found: FoundTime[] = [];
  for (const row of rows) {
    const branchId = row.branch_id === null ? null : Number(row.branch_id);
    if (branch !== null && branchId !== null && branchId !== branch) continue;
    const load = { maxmembers: row.maxmembers, taken: Number(row.taken), blocked: row.blocked };
    const start = toMs(row.from_at);
    if (!canOffer({ ...load, start, ...window }, query.participants)) continue;
    found.push({
      date: zonedDate(site.timeZone, start),
      start,
      end: toMs(row.to_at),
      staff: { id: String(row.staff_id), name: row.staff_name },
      branchId,
      placesLeft: shownPlaces(load),
      hold: { slotId: String(row.id), vfib: row.vfib },
    });
  }
  return found;
}
