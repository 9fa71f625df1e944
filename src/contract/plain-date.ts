/**
 * Plain dates (`YYYY-MM-DD`): a day on the site's calendar, with no time and no zone, named after
 * Temporal.PlainDate. The widget, the contract, the engine and the adapters all count days with these.
 * The arithmetic is in UTC, where every day has 24 hours, so no local zone (the browser's, the server's) ever
 * shifts a day: weeks and months with date-fns on UTCDate, days with plain arithmetic (the engine's hot path).
 * Instants in a site's zone are the server's zoned.ts.
 */
import { UTCDate } from '@date-fns/utc';
import { addMonths as addMonthsTo, differenceInCalendarDays, endOfWeek as endOfWeekOf, lastDayOfMonth, startOfWeek as startOfWeekOf } from 'date-fns';

/** `YYYY-MM-DD`. */
export type PlainDate = string;
/** A month as `YYYY-MM`. */
export type PlainMonth = string;
/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;

const format = (day: Date): PlainDate => day.toISOString().slice(0, 10);

const dayMs = 86_400_000;

/**
 * The instant of the date's midnight UTC, in epoch milliseconds; a RangeError when it is not a real `YYYY-MM-DD`
 * date (2026-02-30 is not). Plain arithmetic, not a UTCDate: the engine counts a month of days per availability
 * answer, and a UTCDate with its formatting cost ~1 µs per day there.
 */
export function utcMidnight(date: string): number {
  const match = shape.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]) - 1;
    const day = Number(match[3]);
    const ms = Date.UTC(year, month, day);
    const back = new Date(ms);
    // Date.UTC rolls 2026-02-30 over to 2 March, and reads years below 100 as 19xx.
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month && back.getUTCDate() === day) return ms;
  }
  throw new RangeError(`not a plain date: ${date}`);
}

/** The date at midnight UTC; a RangeError when it is not a real `YYYY-MM-DD` date (2026-02-30 is not). */
export function parse(date: string): UTCDate {
  return new UTCDate(utcMidnight(date));
}

export function isValid(value: string): boolean {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return format(new Date(utcMidnight(date) + days * dayMs));
}

/** The same day of the month `months` away, or that month's last day when it is shorter (31 Jan + 1 = 28 Feb). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  return format(addMonthsTo(parse(date), months));
}

export function weekday(date: PlainDate): Weekday {
  return new Date(utcMidnight(date)).getUTCDay() as Weekday;
}

/** The first day of the week holding `date`, weeks starting on `weekStart` (the site's, from its region). */
export function startOfWeek(date: PlainDate, weekStart: number): PlainDate {
  return format(startOfWeekOf(parse(date), { weekStartsOn: weekStart as Weekday }));
}

export function endOfWeek(date: PlainDate, weekStart: number): PlainDate {
  return format(endOfWeekOf(parse(date), { weekStartsOn: weekStart as Weekday }));
}

/** Days from `from` to `to`: 1 from a date to the next, negative when `to` comes first. */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return differenceInCalendarDays(parse(to), parse(from));
}

/** Every date from `from` to `to`, both included; none when `to` comes first. */
export function eachDay(from: PlainDate, to: PlainDate): PlainDate[] {
  const days: PlainDate[] = [];
  const last = utcMidnight(to);
  for (let ms = utcMidnight(from); ms <= last; ms += dayMs) days.push(format(new Date(ms)));
  return days;
}

export function monthOf(date: PlainDate): PlainMonth {
  return date.slice(0, 7);
}

export function firstOfMonth(month: PlainMonth): PlainDate {
  return `${month}-01`;
}

export function lastOfMonth(month: PlainMonth): PlainDate {
  return format(lastDayOfMonth(parse(firstOfMonth(month))));
}

/** The month `months` after `month` (before, when negative). */
export function addMonthsToMonth(month: PlainMonth, months: number): PlainMonth {
  return monthOf(addMonths(firstOfMonth(month), months));
}

/** The weeks of a month as rows of seven days, weeks starting on `weekStart`; days of the neighbouring months are null. */
export function monthGrid(month: PlainMonth, weekStart: number): (PlainDate | null)[][] {
  const days = eachDay(startOfWeek(firstOfMonth(month), weekStart), endOfWeek(lastOfMonth(month), weekStart));
  const weeks: (PlainDate | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7).map((day) => (monthOf(day) === month ? day : null)));
  return weeks;
}

/** The weekdays of a week in display order, starting on `weekStart`. */
export function weekdayOrder(weekStart: number): Weekday[] {
  return Array.from({ length: 7 }, (_, i) => ((weekStart + i) % 7) as Weekday);
}

const todayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today on the site's calendar (`timeZone`), which is not the customer's or the server's when they are elsewhere. */
export function todayIn(timeZone: string, now: Date = new Date()): PlainDate {
  let f = todayFormats.get(timeZone);
  // en-CA formats as YYYY-MM-DD.
  if (!f) todayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(now);
}
