/**
 * Wall-clock time in a site's IANA timezone, with Intl only (no timezone library).
 * A "plain date" is `YYYY-MM-DD` in the site's timezone (src/contract/plain-date.ts); instants are epoch milliseconds.
 * Not date-fns' TZDate: over the clock-change days 2026-2030 it gives instants for times that do not exist and the
 * later instant of a repeated hour, and is 5-7x slower (bench/zones.ts, docs/design.md).
 */
import { utcMidnight } from '../contract/plain-date.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Per zone, offsets by quarter-hour bucket: numbers as keys, so a lookup builds no string. */
const offsetCaches = new Map<string, Map<number, number>>();
const bucketMs = 15 * 60_000;

/**
 * The zone's offset from UTC at one instant, in minutes (Asia/Jerusalem in winter: 120).
 * Cached per quarter hour: zones change offset on whole quarter hours, and Intl is slow in hot loops.
 */
export function offsetMinutes(timeZone: string, instant: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(instant / bucketMs);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  if (cache.size > 100_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/** Every offset in use is within these (Pacific/Kiritimati +14:00, Etc/GMT+12 -12:00), so every instant showing a wall time is too. */
const widestOffsetMs = 14 * 3_600_000;

/**
 * The instant of a wall-clock minute of a date (minute may reach 1440 = next midnight).
 * Null when that wall-clock time does not exist (the hour skipped when clocks go forward);
 * in the hour that repeats when clocks go back, the first of the two.
 */
export function zonedInstant(timeZone: string, date: string, minute: number): number | null {
  const wall = utcMidnight(date) + minute * 60_000;
  let best: number | null = null;
  for (const offset of offsetsNear(timeZone, wall)) {
    const instant = wall - offset * 60_000;
    if (offsetMinutes(timeZone, instant) === offset && (best === null || instant < best)) best = instant;
  }
  return best;
}

/**
 * The instant a platform means by a wall-clock time it sends: as zonedInstant, and a time the clocks skip
 * (which a platform may still send) read with the offset before the change, so 02:30 on a spring-forward night is 03:30.
 */
export function platformInstant(timeZone: string, date: string, minute: number): number {
  const exact = zonedInstant(timeZone, date, minute);
  if (exact !== null) return exact;
  const wall = utcMidnight(date) + minute * 60_000;
  // Clocks going forward: the offset before the change is the smaller one.
  return wall - Math.min(...offsetsNear(timeZone, wall)) * 60_000;
}

/**
 * The offsets an instant showing `wall` may have. Such an instant lies within 14 hours of it: the offsets at both
 * ends of that window are the ones before and after any change near it, and the instant each of those points at
 * catches a change in between.
 */
function offsetsNear(timeZone: string, wall: number): Set<number> {
  const offsets = new Set<number>();
  for (const probe of [wall - widestOffsetMs, wall + widestOffsetMs]) {
    const offset = offsetMinutes(timeZone, probe);
    offsets.add(offset).add(offsetMinutes(timeZone, wall - offset * 60_000));
  }
  return offsets;
}

/** The site's plain date of an instant. */
export function zonedDate(timeZone: string, instant: number): string {
  return new Date(instant + offsetMinutes(timeZone, instant) * 60_000).toISOString().slice(0, 10);
}

/** RFC 3339 with the site's offset, e.g. `2026-12-01T09:30:00+02:00`. */
export function formatInstant(timeZone: string, instant: number): string {
  const offset = offsetMinutes(timeZone, instant);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Reads an RFC 3339 instant; NaN when it is not one. */
export function parseInstant(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return Number.NaN;
  return Date.parse(value);
}

/**
 * instantOf(minute) for one date, fast: on a day without a clock change it is plain arithmetic,
 * and only the two days a year with a change pay for the full lookup.
 */
export function dayClock(timeZone: string, date: string): (minute: number) => number | null {
  const midnightWall = utcMidnight(date);
  const before = offsetMinutes(timeZone, midnightWall - 14 * 3_600_000);
  const after = offsetMinutes(timeZone, midnightWall + 38 * 3_600_000);
  const noon = offsetMinutes(timeZone, midnightWall + 12 * 3_600_000 - before * 60_000);
  if (before === after && before === noon) {
    const base = midnightWall - before * 60_000;
    return (minute) => base + minute * 60_000;
  }
  return (minute) => zonedInstant(timeZone, date, minute);
}
