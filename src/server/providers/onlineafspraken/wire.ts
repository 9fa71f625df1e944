import * as z from 'zod';
import type { BookingStatus } from '../../../contract/bookings.ts';
import type { StaffMember } from '../../../contract/catalog.ts';
import { formatInstant, offsetMinutes, zonedInstant } from '../../zoned.ts';
import type { PlatformCatalog, PlatformService } from '../provider.ts';

/**
 * OnlineAfspraken's elements as the XML parser gives them (all text) turned into typed values, and the
 * pure mapping to Bookwell's catalog, times and statuses. Unknown extra elements (custom fields) pass unread.
 */

/** Absent, empty or text. */
const text = z.string().optional().transform((v) => v ?? '');
/** A whole number sent as text; a blank is 0. */
const count = text.pipe(z.string().regex(/^-?\d*$/, 'a whole number')).transform((v) => (v === '' ? 0 : Number(v)));
const id = z.string().regex(/^\d+$/, 'an id');
const flag = text.transform((v) => v === '1');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const clock = z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/, 'hh:mm').transform((v) => v.slice(0, 5));
/** `yyyy-mm-dd hh:mm:ss`, the site's wall clock. */
const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, 'yyyy-mm-dd hh:mm:ss');

export const agenda = z.looseObject({ Id: id, Name: text });

export const appointmentType = z.looseObject({
  Id: id,
  Name: text,
  /** Not in the document's field list but in its sample: 2 = switched off. Absent means on. */
  Status: text,
  SchedulingType: text,
  PriceType: text,
  Price: text,
  Duration: count,
  Buffer: count,
  MinTimeBeforeAppointment: count,
  MaxTimeBeforeAppointment: count,
  CanBeBookedByConsumer: flag,
  Capacity: count,
  /** Comma-separated resource ids (`187,188,189`) or empty. */
  ResourceId: text.transform((v) => v.split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s))),
});
export type WireAppointmentType = z.infer<typeof appointmentType>;

export const resource = z.looseObject({ Id: id, Name: text, Status: text });
export type WireResource = z.infer<typeof resource>;

export const field = z.looseObject({ Id: text, Label: text, Key: z.string().min(1), Type: text, Required: flag });
export type WireField = z.infer<typeof field>;

export const bookableDay = z.looseObject({ Date: date });

export const bookableTime = z.looseObject({
  Date: date,
  StartTime: clock,
  EndTime: clock,
  ResourceId: text,
});
export type WireBookableTime = z.infer<typeof bookableTime>;

export const customer = z.looseObject({ Id: id, Email: text, Status: text });

/** setAppointment's answer. */
export const saved = z.looseObject({ Id: id, Status: text });

const assignment = z.looseObject({
  ResourceId: text,
  // The document says StartTime/FinishTime; live answers say AssignedStartTime/AssignedFinishTime.
  StartTime: text,
  AssignedStartTime: text,
});

export const appointment = z.looseObject({
  Id: id,
  AgendaId: text,
  Name: text,
  StartTime: wallTime,
  FinishTime: wallTime,
  AppointmentTypeId: text,
  CustomerId: text,
  Status: text,
  Label: text,
  Resources: z
    .union([assignment, z.array(assignment), z.literal(''), z.undefined()])
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])),
});
export type WireAppointment = z.infer<typeof appointment>;

export const confirmation = z.looseObject({ Required: flag });

/** The site's instant of a wall-clock date and time; a time the clocks skip is read with the offset before. */
export function instantOf(day: string, time: string, timeZone: string): string {
  const minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const instant = zonedInstant(timeZone, day, minute);
  if (instant !== null) return formatInstant(timeZone, instant);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  return formatInstant(timeZone, wall - offsetMinutes(timeZone, wall - 3 * 3_600_000) * 60_000);
}

/** `yyyy-mm-dd hh:mm:ss` to an instant in the site's zone. */
export function instantOfWall(value: string, timeZone: string): string {
  return instantOf(value.slice(0, 10), value.slice(11, 16), timeZone);
}

/** An RFC 3339 instant as the site's wall clock: the Date and StartTime the platform books. */
export function wallOf(instant: string, timeZone: string): { date: string; time: string } {
  const local = formatInstant(timeZone, Date.parse(instant));
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

export interface OnlineAfsprakenCatalog extends PlatformCatalog {
  /** Per public type: bookable no sooner than / no later than this many minutes from now (0 = no limit). */
  window: Map<string, { minMinutes: number; maxMinutes: number }>;
}

/**
 * Only what a customer may book: enabled types with CanBeBookedByConsumer and a duration. Their staff are
 * the enabled resources the type names; a type naming none is booked without choosing (the platform assigns).
 */
export function buildCatalog(types: WireAppointmentType[], resources: WireResource[]): OnlineAfsprakenCatalog {
  const enabled = resources.filter((r) => r.Status === '' || r.Status === '1');
  const window = new Map<string, { minMinutes: number; maxMinutes: number }>();
  const services: PlatformService[] = [];
  for (const type of types) {
    if (!type.CanBeBookedByConsumer || (type.Status !== '' && type.Status !== '1') || type.Duration <= 0) continue;
    const named = new Set(type.ResourceId);
    const price = Number(type.Price);
    services.push({
      id: type.Id,
      name: type.Name,
      durationMinutes: type.Duration,
      // PriceType 3: "not applicable".
      price: type.PriceType === '3' || type.Price === '' || !Number.isFinite(price) ? null : price,
      // One setAppointment books one person; a capacity type lets several book the same time separately.
      groupBooking: false,
      maxParticipants: 1,
      staffIds: enabled.filter((r) => named.has(r.Id)).map((r) => r.Id),
      branchIds: [],
      // The cancel deadline is the platform's (not in the API): the adapter asks with DryRun instead.
      customerCanCancel: true,
      cancelNoticeMinutes: 0,
    });
    window.set(type.Id, { minMinutes: type.MinTimeBeforeAppointment, maxMinutes: type.MaxTimeBeforeAppointment });
  }
  const used = new Set(services.flatMap((s) => s.staffIds));
  const staff: StaffMember[] = enabled.filter((r) => used.has(r.Id)).map((r) => ({ id: r.Id, name: r.Name }));
  return { services, staff, branches: [], window };
}

/**
 * Status: 1 enabled, 2 cancelled, 3 deleted. Label: 1 pending, 2 approved, 3 finished, 4 cancelled,
 * 5 in progress. A pending one waits for its code when the account asks for codes, else for the business.
 */
export function statusOf(appt: Pick<WireAppointment, 'Status' | 'Label'>, codes: boolean): BookingStatus {
  if (appt.Status === '2' || appt.Status === '3' || appt.Label === '4') return 'cancelled';
  if (appt.Label === '1') return codes ? 'pending_code' : 'pending_approval';
  return 'confirmed';
}

/** setAppointment's Status: 1 pending, 2 approved. */
export function newBookingStatus(status: string, codes: boolean): BookingStatus {
  return statusOf({ Status: '1', Label: status }, codes);
}

/** The resource an appointment was given (the first, when several). */
export function resourceOf(appt: WireAppointment): string | null {
  const first = appt.Resources.find((r) => /^\d+$/.test(r.ResourceId) && r.ResourceId !== '0');
  return first?.ResourceId ?? null;
}
