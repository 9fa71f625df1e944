/**
 * Agendize speaks in wall time: `start.dateTime` is `yyyy-MM-ddTHH:mm:ss` without an offset, next to a `timeZone`
 * (the company's by default). Bookwell speaks in RFC 3339 instants with the site's offset. These convert on the
 * zone rules the engine uses (src/server/zoned.ts).
 */
import { formatInstant, offsetMinutes, parseInstant, zonedInstant } from '../../zoned.ts';

const wallPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const offsetPattern = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A wall time in `zone` (or, as some freeSlots answers may carry, a time with an offset) to the instant in ms.
 * A wall time the clocks skip is read with the offset before the change; in the hour that repeats, the first.
 */
export function instantOfWall(value: string, zone: string): number {
  const offset = offsetPattern.exec(value);
  if (offset) {
    const wall = wallPattern.exec(value.slice(0, -offset[1]!.length));
    const zoneText = offset[1] === 'Z' ? 'Z' : offset[1]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const ms = wall ? parseInstant(`${wall[1]}T${wall[2]}:${wall[3]}:${wall[4] ?? '00'}${zoneText}`) : Number.NaN;
    if (Number.isNaN(ms)) throw new Error(`not an Agendize date-time: ${value}`);
    return ms;
  }
  const match = wallPattern.exec(value);
  if (!match) throw new Error(`not an Agendize date-time: ${value}`);
  const [, date, h, mi] = match as unknown as [string, string, string, string];
  const minute = Number(h) * 60 + Number(mi);
  const instant = zonedInstant(zone, date, minute);
  if (instant !== null) return instant;
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  return wall - offsetMinutes(zone, wall - 3 * 3_600_000) * 60_000;
}

/** A wall time in `wireZone` to RFC 3339 in the site's zone. */
export function fromWall(value: string, wireZone: string, siteZone: string): string {
  return formatInstant(siteZone, instantOfWall(value, wireZone));
}

/** An RFC 3339 instant to Agendize's wall time in `zone`: `yyyy-MM-ddTHH:mm:ss`, no offset. */
export function toWall(instant: string | number, zone: string): string {
  const ms = typeof instant === 'string' ? parseInstant(instant) : instant;
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return formatInstant(zone, ms).slice(0, 19);
}

/** The first and last date of the month a `YYYY-MM-DD` date is in. */
export function monthOf(date: string): { first: string; last: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { first: `${y}-${mm}-01`, last: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The months [from, to] touches, as their first dates. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let month = monthOf(from).first;
  while (month <= to) {
    out.push(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  }
  return out;
}
