/**
 * TimeTap speaks in military-time integers without padding (930 = 09:30, 15 = 00:15) and `YYYY-MM-DD` dates,
 * in the staff member's own zone (the range call in the location's). Bookwell speaks in RFC 3339 instants with
 * the site's offset. These convert on the zone rules of src/server/zoned.ts, so all adapters read a clock change alike.
 */
import { addDays, addMonthsToMonth, monthOf } from '../../../contract/plain-date.ts';
import { formatInstant, platformInstant, zonedDate, zonedInstant } from '../../zoned.ts';

/** 930 -> 570 minutes of the day; null when it is not a time of day (960, -5, 2400). */
export function minuteOfMilitary(value: number): number | null {
  if (!Number.isInteger(value) || value < 0) return null;
  const hours = Math.floor(value / 100);
  const minutes = value % 100;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** 570 -> 930; 15 -> 15 (never padded: it is a number). */
export function militaryOf(minute: number): number {
  return Math.floor(minute / 60) * 100 + (minute % 60);
}

/**
 * The instant of a wall-clock date and military time in a zone. A time the clocks skip (the hour lost in
 * spring) is read with the offset before the change; in the hour that repeats in autumn, the first of the two.
 */
export function instantOf(timeZone: string, date: string, military: number): number {
  const minute = minuteOfMilitary(military);
  if (minute === null) throw new Error(`not a military time: ${military}`);
  return platformInstant(timeZone, date, minute);
}

/** Whether a wall-clock time exists in that zone (false inside the hour skipped in spring). */
export function wallTimeExists(timeZone: string, date: string, military: number): boolean {
  const minute = minuteOfMilitary(military);
  return minute !== null && zonedInstant(timeZone, date, minute) !== null;
}

/** An instant as TimeTap wants it: the wall-clock date and military time in a zone. */
export function wallClockOf(timeZone: string, instant: number): { date: string; time: number } {
  const local = formatInstant(timeZone, instant);
  return { date: local.slice(0, 10), time: Number(local.slice(11, 13)) * 100 + Number(local.slice(14, 16)) };
}

/** RFC 3339 in the site's zone. */
export function siteTime(siteZone: string, instant: number): string {
  return formatInstant(siteZone, instant);
}

/**
 * The dates, in another zone, that one site date touches: a site day in New York spans two days in
 * Los Angeles' or London's calendar. Day calls are asked for each of them, then kept to the site's day.
 */
export function datesTouching(siteZone: string, siteDate: string, otherZone: string): string[] {
  const start = platformInstant(siteZone, siteDate, 0);
  const end = platformInstant(siteZone, addDays(siteDate, 1), 0) - 1;
  const first = zonedDate(otherZone, start);
  const last = zonedDate(otherZone, end);
  return first === last ? [first] : [first, last];
}

/** The months, in order, that [from, to] touches. */
export function monthsBetween(from: string, to: string): Array<{ year: string; month: string }> {
  const out: Array<{ year: string; month: string }> = [];
  for (let month = monthOf(from); month <= monthOf(to); month = addMonthsToMonth(month, 1))
    out.push({ year: month.slice(0, 4), month: month.slice(5, 7) });
  return out;
}

export { addDays, zonedDate };
