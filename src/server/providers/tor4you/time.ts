/**
 * Tor4You speaks in the site's wall-clock time: dates `YYYYMMDD`, date-times `YYYYMMDDhhmm`.
 * Bookwell speaks in `YYYY-MM-DD` and RFC 3339 instants with the site's offset. These convert.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']! % 24,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

/** Minutes the zone is ahead of UTC at that instant (Asia/Jerusalem: 120 or 180). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time names in the zone (the earlier one when a clock change makes two). */
function instantOf(w: Omit<WallClock, 'second'>, timeZone: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = offsetMinutes(new Date(guess), timeZone);
  const candidate = guess - first * 60_000;
  const second = offsetMinutes(new Date(candidate), timeZone);
  return new Date(second === first ? candidate : guess - second * 60_000);
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** RFC 3339 with the zone's offset at that instant, e.g. `2026-12-01T09:30:00+02:00`. */
export function toRfc3339(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `YYYYMMDDhhmm` (Tor4You) to RFC 3339 in the site's zone. */
export function fromTorDateTime(value: string, timeZone: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new Error(`not a Tor4You date-time: ${value}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return toRfc3339(instantOf({ year: y, month: mo, day: d, hour: h, minute: mi }, timeZone), timeZone);
}

/** An RFC 3339 instant to the site's wall clock as `YYYYMMDDhhmm`. */
export function toTorDateTime(instant: string | Date, timeZone: string): string {
  const w = wallClock(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${w.year}${pad(w.month)}${pad(w.day)}${pad(w.hour)}${pad(w.minute)}`;
}

/** `YYYY-MM-DD` to `YYYYMMDD`. */
export function toTorDate(date: string): string {
  return date.replaceAll('-', '');
}

/** `YYYYMMDD` to `YYYY-MM-DD`. */
export function fromTorDate(value: string): string {
  if (!/^\d{8}$/.test(value)) throw new Error(`not a Tor4You date: ${value}`);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** Today's date in the site's zone, `YYYY-MM-DD`. */
export function todayIn(now: Date, timeZone: string): string {
  const w = wallClock(now, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Adds days to a `YYYY-MM-DD` date (calendar days, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** Splits [from, to] (inclusive) into consecutive ranges of at most `maxDays` days. */
export function splitRange(from: string, to: string, maxDays: number): Array<{ from: string; to: string }> {
  const ranges: Array<{ from: string; to: string }> = [];
  let start = from;
  while (start <= to) {
    const last = addDays(start, maxDays - 1);
    const end = last < to ? last : to;
    ranges.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return ranges;
}
