/** Dates and times in the customer's language and the site's timezone, with Intl only (no bundled locales). */
import type { Language } from '../contract/index.ts';
import { parse } from '../contract/plain-date.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One DateTimeFormat per language and options: building one costs far more than using it, and a calendar labels
 * forty days at a time (on a phone that was most of the calendar's first render).
 */
function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(lang, options)));
  return format;
}

const fullDates = new Map<string, string>();

/** "Tuesday 1 December 2026": the label a screen reader says for a day; kept, as each render of a month labels 42 days. */
export function fullDate(date: string, lang: Language): string {
  const key = `${lang}|${date}`;
  let label = fullDates.get(key);
  if (label === undefined) {
    label = dateFormat(lang, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(parse(date));
    fullDates.set(key, label);
  }
  return label;
}

/** "Fri, Dec 4": a date in the summary, where space is short. */
export function shortDate(date: string, lang: Language): string {
  return dateFormat(lang, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(parse(date));
}

export function monthTitle(month: string, lang: Language): string {
  return dateFormat(lang, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(parse(`${month}-01`));
}

/** Short weekday names indexed 0 = Sunday … 6 = Saturday. */
export function weekdayNames(lang: Language, width: 'short' | 'long' = 'short'): string[] {
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => dateFormat(lang, { timeZone: 'UTC', weekday: width }).format(parse(`2023-01-0${i + 1}`)));
}

/** "9:30 AM" or "09:30", as the language writes a time; the same form everywhere in the widget. */
export function clockTime(instant: string, lang: Language, timeZone: string): string {
  return dateFormat(lang, { timeZone, hour: hourStyle(lang), minute: '2-digit' }).format(new Date(instant));
}

/** A 12-hour language writes "9:30 AM", a 24-hour one "09:30". */
function hourStyle(lang: Language): 'numeric' | '2-digit' {
  const cycle = dateFormat(lang, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit';
}

/** The plain date (`YYYY-MM-DD`) of an instant on a timezone's calendar. */
export function dateIn(instant: string, timeZone: string): string {
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The customer's own clock for an instant, with the short weekday when their day is not the site's ("Thu 1:00 AM"). */
export function ownClock(instant: string, lang: Language, siteZone: string, ownZone: string): string {
  if (dateIn(instant, siteZone) === dateIn(instant, ownZone)) return clockTime(instant, lang, ownZone);
  return dateFormat(lang, { timeZone: ownZone, weekday: 'short', hour: hourStyle(lang), minute: '2-digit' }).format(new Date(instant));
}

/** The date and time of an appointment, in full. */
export function appointmentTime(instant: string, lang: Language, timeZone: string): string {
  return dateFormat(lang, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: hourStyle(lang),
    minute: '2-digit',
  }).format(new Date(instant));
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Morning before 12:00, afternoon before 17:00, evening after, on the site's clock. */
export function partOfDay(instant: string, timeZone: string): PartOfDay {
  const hour = Number(dateFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(instant)));
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

export function groupByPartOfDay<T extends { start: string }>(times: readonly T[], timeZone: string): [PartOfDay, T[]][] {
  const groups = new Map<PartOfDay, T[]>();
  for (const time of times) {
    const part = partOfDay(time.start, timeZone);
    groups.set(part, [...(groups.get(part) ?? []), time]);
  }
  return (['morning', 'afternoon', 'evening'] as const).filter((p) => groups.has(p)).map((p) => [p, groups.get(p) ?? []]);
}

/** The timezone's name in the customer's language, e.g. "Israel Time". */
export function zoneName(timeZone: string, lang: Language, at: Date = new Date()): string {
  const parts = dateFormat(lang, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Whether the customer's own clock shows a different time than the site's at this instant. */
export function differentZone(siteZone: string, customerZone: string, at: Date = new Date()): boolean {
  const offset = (tz: string) =>
    dateFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', day: '2-digit', hourCycle: 'h23' }).format(at);
  return offset(siteZone) !== offset(customerZone);
}

export function price(amount: number, currency: string, lang: Language): string {
  // Whole amounts without cents: "₪150", not "₪150.00".
  return new Intl.NumberFormat(lang, { style: 'currency', currency, ...(Number.isInteger(amount) ? { maximumFractionDigits: 0 } : {}) }).format(
    amount,
  );
}

export function duration(minutes: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
}

/** "d•••@example.com and 05•••••567", in the customer's language. */
export function recipients(lang: Language, sentTo: string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(sentTo);
}
