/**
 * Calendar math on plain dates (`YYYY-MM-DD`), with no timezone in sight: a plain date is a day on the
 * site's calendar, and the arithmetic runs in UTC where every day has 24 hours.
 */

/** A month as `YYYY-MM`. */
export type PlainMonth = string;

function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const day = toUtc(date);
  day.setUTCDate(day.getUTCDate() + days);
  return fromUtc(day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return toUtc(date).getUTCDay();
}

export function monthOf(date: string): PlainMonth {
  return date.slice(0, 7);
}

export function firstOfMonth(month: PlainMonth): string {
  return `${month}-01`;
}

export function lastOfMonth(month: PlainMonth): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtc(new Date(Date.UTC(y, m, 0)));
}

export function addMonths(month: PlainMonth, months: number): PlainMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtc(new Date(Date.UTC(y, m - 1 + months, 1))).slice(0, 7);
}

/** The same day of the month `months` away, or the month's last day when it is shorter (31 Jan + 1 → 28 Feb). */
export function shiftMonths(date: string, months: number): string {
  const target = addMonths(monthOf(date), months);
  const last = lastOfMonth(target);
  const day = `${target}-${date.slice(8)}`;
  return day > last ? last : day;
}

export function startOfWeek(date: string, weekStart: number): string {
  return addDays(date, -((weekday(date) - weekStart + 7) % 7));
}

export function endOfWeek(date: string, weekStart: number): string {
  return addDays(startOfWeek(date, weekStart), 6);
}

/** The weeks of a month as rows of seven days; days of the neighbouring months are null. */
export function monthGrid(month: PlainMonth, weekStart: number): (string | null)[][] {
  const last = lastOfMonth(month);
  const weeks: (string | null)[][] = [];
  let day = startOfWeek(firstOfMonth(month), weekStart);
  while (day <= last) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(monthOf(day) === month ? day : null);
    weeks.push(week);
  }
  return weeks;
}

/** The weekdays of a week in display order, starting on `weekStart`. */
export function weekdayOrder(weekStart: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (weekStart + i) % 7);
}

/** Today's date on the site's calendar, which is not the customer's when they are elsewhere. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
