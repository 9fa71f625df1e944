/**
 * Why the server converts wall times to instants itself (src/server/zoned.ts) rather than with date-fns' TZDate:
 * over every quarter hour of the clock-change days 2026-2030 in the zones below, how often each picks another
 * instant than the Intl brute force (the hour skipped going forward: none exists; the hour repeated going back:
 * the first), and how long each takes per conversion, on plain days (the engine's hot path) and on change days.
 *
 *   npx tsx bench/zones.ts
 */
import { TZDate } from '@date-fns/tz';
import { eachDay } from '../src/contract/plain-date.ts';
import { zonedInstant } from '../src/server/zoned.ts';

const zones = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Anchorage',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'Asia/Jerusalem',
  'Europe/Amsterdam',
  'Europe/Paris',
];
const hour = 3_600_000;

function wallOf(timeZone: string): (t: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (t) => {
    const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
    return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  };
}

function tzDateInstant(timeZone: string, date: string, minute: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, timeZone).getTime();
}

let cases = 0;
const wrong = { ours: { gap: 0, overlap: 0, plain: 0 }, tzdate: { gap: 0, overlap: 0, plain: 0 } };
const changeDays: Array<[string, string]> = [];
for (const timeZone of zones) {
  const wall = wallOf(timeZone);
  const offset = (t: number) => Date.parse(`${wall(t).replace(' ', 'T')}:00Z`) - t;
  for (const date of eachDay('2026-01-01', '2030-12-31')) {
    const midnight = Date.parse(`${date}T00:00:00Z`);
    if (offset(midnight - 14 * hour) === offset(midnight + 38 * hour)) continue;
    changeDays.push([timeZone, date]);
    const shown = new Map<string, number[]>();
    for (let t = midnight - 15 * hour; t <= midnight + 39 * hour; t += 15 * 60_000) {
      const w = wall(t);
      shown.set(w, [...(shown.get(w) ?? []), t]);
    }
    for (let minute = 0; minute < 1440; minute += 15) {
      const label = `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      const instants = shown.get(label) ?? [];
      const want = instants[0] ?? null;
      const kind = instants.length === 0 ? 'gap' : instants.length > 1 ? 'overlap' : 'plain';
      cases++;
      if (zonedInstant(timeZone, date, minute) !== want) wrong.ours[kind]++;
      // TZDate has no "does not exist": a skipped time comes back as some instant, counted wrong.
      if (tzDateInstant(timeZone, date, minute) !== want) wrong.tzdate[kind]++;
    }
  }
}

function perCall(convert: (timeZone: string, date: string, minute: number) => unknown, days: Array<[string, string]>): number {
  const rounds = 20;
  const started = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const [timeZone, date] of days) for (let minute = 0; minute < 1440; minute += 15) convert(timeZone, date, minute);
  return ((performance.now() - started) * 1000) / (rounds * days.length * 96);
}

const plainDays: Array<[string, string]> = zones.flatMap((z) => eachDay('2027-06-01', '2027-06-14').map((d): [string, string] => [z, d]));
perCall(zonedInstant, plainDays);
perCall(tzDateInstant, plainDays);
console.log(`${changeDays.length} clock-change days, ${cases} wall times, zones: ${zones.join(', ')}`);
console.log(`wrong instants    zoned.ts: gap ${wrong.ours.gap}, overlap ${wrong.ours.overlap}, other ${wrong.ours.plain}`);
console.log(`                  TZDate:   gap ${wrong.tzdate.gap}, overlap ${wrong.tzdate.overlap}, other ${wrong.tzdate.plain}`);
console.log(
  `µs per conversion, plain days:   zoned.ts ${perCall(zonedInstant, plainDays).toFixed(2)}  TZDate ${perCall(tzDateInstant, plainDays).toFixed(2)}`,
);
console.log(
  `µs per conversion, change days:  zoned.ts ${perCall(zonedInstant, changeDays).toFixed(2)}  TZDate ${perCall(tzDateInstant, changeDays).toFixed(2)}`,
);
