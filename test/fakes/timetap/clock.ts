/**
 * Wall clocks for the fake, on Intl alone and apart from src/server/zoned.ts, so a mistake in the
 * adapter's zone arithmetic is not repeated here and hidden.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function wallOf(zone: string, instant: number): { date: string; minute: number; weekday: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p['weekday']!);
  return { date: `${p['year']}-${p['month']}-${p['day']}`, minute: Number(p['hour']) * 60 + Number(p['minute']), weekday };
}

const instants = new Map<string, number | null>();

/** The instant a wall clock in `zone` shows `minute` on `date`; null for a time the clocks skip. */
export function instantAt(zone: string, date: string, minute: number): number | null {
  const key = `${zone}|${date}|${minute}`;
  if (instants.has(key)) return instants.get(key)!;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  let found: number | null = null;
  // Zones are at most 14 hours from UTC: the offsets in use 14 hours either side include the right one.
  for (const probe of [wall - 14 * 3_600_000, wall, wall + 14 * 3_600_000]) {
    const local = wallOf(zone, probe);
    const [ly, lm, ld] = local.date.split('-').map(Number) as [number, number, number];
    const offset = Date.UTC(ly, lm - 1, ld, 0, local.minute) - Math.floor(probe / 60_000) * 60_000;
    const instant = wall - offset;
    const back = wallOf(zone, instant);
    if (back.date === date && back.minute === minute && (found === null || instant < found)) found = instant;
  }
  instants.set(key, found);
  return found;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** 570 -> 930: TimeTap's military time, a plain integer. */
export const military = (minute: number) => Math.floor(minute / 60) * 100 + (minute % 60);
export function minuteOf(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return null;
  const h = Math.floor(value / 100);
  const m = value % 100;
  return h > 23 || m > 59 ? null : h * 60 + m;
}

/** "9:30 AM", as TimeTap's slots show a time. */
export function timeString(minute: number): string {
  const h = Math.floor(minute / 60);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(minute % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
