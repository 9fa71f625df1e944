/**
 * Tor4You speaks in the site's wall-clock time: dates `YYYYMMDD`, date-times `YYYYMMDDhhmm`.
 * Bookwell speaks in `YYYY-MM-DD` and RFC 3339 instants with the site's offset. These convert, on the same
 * zone rules as the embedded engine (src/server/zoned.ts), so both read a clock change alike.
 */
import { addDays } from '../../../contract/plain-date.ts';
import { formatInstant, parseInstant, platformInstant } from '../../zoned.ts';

/** `YYYYMMDDhhmm` (Tor4You) to RFC 3339 in the site's zone, read as platformInstant reads a wall time. */
export function fromTorDateTime(value: string, timeZone: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new Error(`not a Tor4You date-time: ${value}`);
  const [, y, mo, d, h, mi] = match as unknown as [string, string, string, string, string, string];
  return formatInstant(timeZone, platformInstant(timeZone, `${y}-${mo}-${d}`, Number(h) * 60 + Number(mi)));
}

/** An RFC 3339 instant to the site's wall clock as `YYYYMMDDhhmm`. */
export function toTorDateTime(instant: string | Date, timeZone: string): string {
  const ms = typeof instant === 'string' ? parseInstant(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
  const local = formatInstant(timeZone, ms);
  return local.slice(0, 16).replace(/[-T:]/g, '');
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
