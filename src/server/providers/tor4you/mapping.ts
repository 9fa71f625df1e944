/**
 * Tor4You's answers to Bookwell's words and back, with no HTTP: bookings, the customer's fields, times and the
 * business. Unit-tested on their own (test/server/tor4you-mapping.test.ts).
 */
import type { Attendance, Attribution, BookingStatus } from '../../../contract/bookings.ts';
import type { Customer } from '../../../contract/customer.ts';
import type { PlatformBooking, PlatformSite, PlatformTime } from '../provider.ts';
import { attendanceOf } from '../shared/attendance.ts';
import { notesWithAttribution } from '../shared/attribution.ts';
import type { Tor4YouCatalog } from './catalog.ts';
import type { Params } from './client.ts';
import { fromTorDateTime, toTorDateTime } from './time.ts';
import type * as wire from './wire.ts';

const statusOf: Record<string, BookingStatus> = { '0': 'cancelled', '1': 'confirmed', '5': 'expired' };

export function toSite(info: { busname: string; phone: string; address: string; city: string; zip: string; usetimeslots: boolean }): PlatformSite {
  const address = [info.address, [info.zip, info.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return { name: info.busname, phone: info.phone || undefined, address: address || undefined, calendar: info.usetimeslots ? 'slots' : 'open' };
}

/** `attendance` when we have just set it (apptinfo read before iscoming still says the old answer). */
export function toBooking(appt: wire.WireAppointment, timeZone: string, attendance?: Attendance): PlatformBooking {
  return {
    key: { apptId: appt.id, vfib: appt.vfib },
    status: statusOf[appt.status] ?? 'confirmed',
    start: fromTorDateTime(appt.from, timeZone),
    end: fromTorDateTime(appt.to, timeZone),
    service: { id: appt.service, name: appt.servicename },
    staff: { id: appt.staff, name: appt.staffname },
    branch: null,
    participants: Math.max(1, appt.participants),
    attendance: attendance ?? attendanceOf(appt.iscoming),
  };
}

/** The customer as addappt takes them; `extraFields` sends our fields to the business's ax/cx fields too. */
export function customerParams(customer: Customer, extraFields: Record<string, string>, attribution?: Attribution): Params {
  const params: Params = {
    first: customer.firstName,
    last: customer.lastName,
    cell: customer.cell,
    email: customer.email || undefined,
    tz: customer.idNumber || undefined,
    // Tor4You has no field for where the customer came from: it joins the notes.
    notes: notesWithAttribution(customer.notes, attribution),
  };
  for (const [field, target] of Object.entries(extraFields)) {
    const value = customer[field as keyof Customer];
    if (value) params[target] = value;
  }
  return params;
}

export function choiceParams(query: { service: string; staff?: string | undefined; branch?: string | undefined; participants: number }): Params {
  return { service: query.service, staff: query.staff, branch: query.branch, participants: query.participants };
}

/** slotlist: the places still free on each live slot. */
export function placesLeft(answer: wire.SlotListAnswer): Map<string, number> {
  return new Map(answer.slots.filter((s) => s.status).map((s) => [s.id, Math.max(0, s.maxmembers - s.participants)]));
}

/**
 * One date's availability answer as bookable times, in start order: slots as they are, open hours as starts
 * lasting the service's duration (the answer's, or the catalog's when it gives none).
 */
export function toTimes(
  answer: wire.TimesAnswer,
  context: { catalog: Tor4YouCatalog; service: string; places: Map<string, number>; timeZone: string },
): PlatformTime[] {
  const { catalog, places, timeZone } = context;
  const names = new Map(catalog.staff.map((s) => [s.id, s.name]));
  const staffOf = (id: string) => ({ id, name: names.get(id) ?? '' });
  const times: PlatformTime[] = answer.slots.map((slot) => ({
    start: fromTorDateTime(slot.from, timeZone),
    end: fromTorDateTime(slot.to, timeZone),
    staff: staffOf(slot.staff),
    placesLeft: places.get(slot.id) ?? null,
    hold: { slotId: slot.id, vfib: slot.vfib, staffId: slot.staff },
  }));
  const minutes = answer.duration || catalog.services.find((s) => s.id === context.service)?.durationMinutes || 0;
  for (const open of answer.openhours) {
    const start = fromTorDateTime(open.date, timeZone);
    const to = toTorDateTime(new Date(Date.parse(start) + minutes * 60_000), timeZone);
    times.push({
      start,
      end: fromTorDateTime(to, timeZone),
      staff: staffOf(open.staff),
      placesLeft: null,
      hold: { staffId: open.staff, from: open.date, to },
    });
  }
  return times.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** What addappt needs to book the held time again: the slot and its vfib, or the open-calendar start and end. */
export function whenParams(hold: Record<string, string | number>, input: { start: string; end: string }, timeZone: string): Params {
  if (hold['slotId'] !== undefined) return { slotid: hold['slotId'], vfib: hold['vfib'] };
  return {
    from: String(hold['from'] ?? toTorDateTime(input.start, timeZone)),
    to: String(hold['to'] ?? toTorDateTime(input.end, timeZone)),
  };
}
