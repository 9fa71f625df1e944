import { addDays, instantAt, military, minuteOf, timeString, wallOf, weekdayOf } from './clock.ts';
import type { FakeAppointment, FakeBusiness, FakeLocation, FakeReason, FakeStaff } from './seed.ts';

/** A refusal as TimeTap answers it: an HTTP status and an HTML page. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Query = URLSearchParams;

export function zoneOf(business: FakeBusiness, code: string): string {
  return business.timezones.find((t) => t.timeZoneCode === code)?.javaTimeZone ?? code;
}

export function isDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function live(business: FakeBusiness, appt: FakeAppointment): boolean {
  return appt.status !== 'CANCELLED' && appt.status !== 'DELETED';
}

export function findStaff(business: FakeBusiness, id: number): FakeStaff {
  const staff = business.staff.find((s) => s.professionalId === id && s.active);
  if (!staff) throw new HttpError(404, `Staff ${id} not found`);
  return staff;
}
export function findLocation(business: FakeBusiness, id: number): FakeLocation {
  const location = business.locations.find((l) => l.locationId === id && l.active);
  if (!location) throw new HttpError(404, `Location ${id} not found`);
  return location;
}
export function findService(business: FakeBusiness, id: number): FakeReason {
  const reason = business.reasons.find((r) => r.reasonId === id && r.active);
  if (!reason) throw new HttpError(404, `Reason ${id} not found`);
  return reason;
}

/** The absolute minutes (since 1970) a staff appointment blocks. */
function blocked(business: FakeBusiness, appt: FakeAppointment): [number, number] {
  const staff = business.staff.find((s) => s.professionalId === appt.professionalId)!;
  const zone = zoneOf(business, staff.timeZoneCode);
  const from = instantAt(zone, appt.startDate, minuteOf(appt.startTime)!) ?? 0;
  const to = instantAt(zone, appt.endDate, minuteOf(appt.endTime)!) ?? 0;
  return [from, to];
}

export function overlapsAnother(business: FakeBusiness, staffId: number, from: number, to: number, except?: number): boolean {
  return business.appointments.some((a) => {
    if (a.professionalId !== staffId || a.calendarId === except || !live(business, a)) return false;
    const [s, e] = blocked(business, a);
    return s < to && from < e;
  });
}

export interface OpenSlot {
  /** Staff-zone wall date and minutes. */
  date: string;
  clientStart: number;
  clientEnd: number;
  staffStart: number;
  staffEnd: number;
  startInstant: number;
  /** The staff's own blocked span with buffers, absolute ms. */
  from: number;
  to: number;
}

/** Whether the scheduling window (minimum notice, advance days) lets a start be booked now. */
export function inWindow(business: FakeBusiness, start: number, now: number): boolean {
  return start >= now + business.minNoticeMinutes * 60_000 && start <= now + business.maxAdvanceDays * 86_400_000;
}

/**
 * The free slots of one staff member at one location on one of the staff member's own dates, for one
 * service and visit length: inside working hours, on the step grid, clear of other appointments (buffers
 * included) and inside the scheduling window. A wall time the clocks skip is never offered.
 */
export function openSlots(
  business: FakeBusiness,
  staff: FakeStaff,
  locationId: number,
  reason: FakeReason,
  duration: number,
  date: string,
  now: number,
): OpenSlot[] {
  const hours = staff.hours[locationId]?.[weekdayOf(date)];
  if (!hours) return [];
  const zone = zoneOf(business, staff.timeZoneCode);
  const before = reason.bufferBefore ?? 0;
  const after = reason.bufferAfter ?? 0;
  const slots: OpenSlot[] = [];
  for (let start = hours[0] + before; start + duration + after <= hours[1]; start += business.slotStepMinutes) {
    const startInstant = instantAt(zone, date, start);
    const from = instantAt(zone, date, start - before);
    const to = instantAt(zone, date, start + duration + after);
    if (startInstant === null || from === null || to === null) continue;
    if (!inWindow(business, startInstant, now) || overlapsAnother(business, staff.professionalId, from, to)) continue;
    slots.push({
      date,
      clientStart: start,
      clientEnd: start + duration,
      staffStart: start - before,
      staffEnd: start + duration + after,
      startInstant,
      from,
      to,
    });
  }
  return slots;
}

export function slotJson(slot: OpenSlot, staffId: number): object {
  return {
    timeString: timeString(slot.clientStart),
    clientStartDate: slot.date,
    clientEndDate: slot.date,
    clientStartTime: military(slot.clientStart),
    clientEndTime: military(slot.clientEnd),
    startDate: slot.date,
    endDate: slot.date,
    startTime: military(slot.staffStart),
    endTime: military(slot.staffEnd),
    staffId,
    // TimeTap's slots carry a few more fields nobody documented; the adapter must not need them.
    clientTimeZone: null,
    seatsAvailable: null,
  };
}

export function duration(query: Query): number {
  const value = query.get('duration');
  if (!value || !/^\d+$/.test(value) || Number(value) <= 0) throw new HttpError(400, 'duration is required: the service visitMinutes');
  return Number(value);
}

function serviceOnly(reason: FakeReason): void {
  if (reason.reasonType !== 'SERVICE') throw new HttpError(400, 'Availability is for SERVICE reasons; classes use the class schedule API');
}

function performs(business: FakeBusiness, staff: FakeStaff, reason: FakeReason): boolean {
  return (business.serviceStaff[reason.reasonId] ?? []).includes(staff.professionalId);
}

/** GET /availability/{YYYY}/{MM}/{DD}/{staffId}/{locationId}/{reasonId}: the day's slots, `[]` when none. */
export function daySlots(
  business: FakeBusiness,
  ids: { date: string; staff: number; location: number; reason: number },
  query: Query,
  now: number,
): object[] {
  if (!isDate(ids.date)) throw new HttpError(400, 'Invalid date');
  const staff = findStaff(business, ids.staff);
  findLocation(business, ids.location);
  const reason = findService(business, ids.reason);
  serviceOnly(reason);
  if (!performs(business, staff, reason)) return [];
  return openSlots(business, staff, ids.location, reason, duration(query), ids.date, now).map((s) => slotJson(s, staff.professionalId));
}

/**
 * GET /availability/{YYYY}/{MM}/{staffId}/{locationId}/{reasonId}: which days of the month the staff member
 * works, without counting bookings ("does not do accurate calculation for each slot").
 */
export function monthHint(
  business: FakeBusiness,
  ids: { year: string; month: string; staff: number; location: number; reason: number },
  query: Query,
): object {
  if (!/^\d{4}$/.test(ids.year) || !/^(0[1-9]|1[0-2])$/.test(ids.month)) throw new HttpError(400, 'Invalid month');
  const staff = findStaff(business, ids.staff);
  findLocation(business, ids.location);
  const reason = findService(business, ids.reason);
  serviceOnly(reason);
  duration(query);
  const answer: Record<string, boolean> = {};
  for (let day = `${ids.year}-${ids.month}-01`; day.slice(5, 7) === ids.month; day = addDays(day, 1)) {
    answer[String(Number(day.slice(8)))] = performs(business, staff, reason) && Boolean(staff.hours[ids.location]?.[weekdayOf(day)]);
  }
  return answer;
}

/**
 * GET /availability/location/{locationId}/service/{reasonId}?startDate&endDate: every staff member's free
 * slots at the location, by day, in the location's zone.
 */
export function rangeSlots(business: FakeBusiness, ids: { location: number; reason: number }, query: Query, now: number): object[] {
  const startDate = query.get('startDate');
  const endDate = query.get('endDate');
  if (!isDate(startDate) || !isDate(endDate)) throw new HttpError(400, 'startDate and endDate are required as YYYY-MM-DD');
  if (endDate < startDate) throw new HttpError(400, 'endDate is before startDate');
  if ((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000 > 62) throw new HttpError(400, 'The range is limited to 62 days');
  const location = findLocation(business, ids.location);
  const reason = findService(business, ids.reason);
  serviceOnly(reason);
  const visit = duration(query);
  const zone = zoneOf(business, location.timeZoneCode);
  const days = new Map<string, Array<{ at: number; json: object }>>();
  for (let day = startDate; day <= endDate; day = addDays(day, 1)) days.set(day, []);
  for (const staff of business.staff.filter((s) => s.active && performs(business, s, reason))) {
    // The staff member's own dates around the range, each slot then placed on the location's calendar.
    for (let day = addDays(startDate, -1); day <= addDays(endDate, 1); day = addDays(day, 1)) {
      for (const slot of openSlots(business, staff, ids.location, reason, visit, day, now)) {
        const wall = wallOf(zone, slot.startInstant);
        const list = days.get(wall.date);
        if (!list) continue;
        const end = wallOf(zone, slot.startInstant + visit * 60_000);
        list.push({
          at: slot.startInstant,
          json: {
            timeString: timeString(wall.minute),
            clientStartDate: wall.date,
            clientStartTime: military(wall.minute),
            clientEndTime: military(end.minute),
          },
        });
      }
    }
  }
  return [...days.entries()].map(([date, slots]) => ({ date, timeSlots: slots.sort((a, b) => a.at - b.at).map((s) => s.json) }));
}
