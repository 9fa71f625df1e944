/**
 * Agendize's resources in Bookwell's words: pure functions, no calls, so each rule is tested on its own.
 */
import type { Attendance, BookingStatus } from '../../../contract/bookings.ts';
import type { CustomerFieldName } from '../../../contract/customer.ts';
import type { StaffMember } from '../../../contract/catalog.ts';
import type { PlatformBooking, PlatformCatalog, PlatformService, PlatformTime } from '../provider.ts';
import { formatInstant } from '../../zoned.ts';
import { fromWall, instantOfWall } from './time.ts';
import type { WireAppointment, WireFormItem, WireFreeSlots, WireService, WireStaff } from './wire.ts';

export function staffName(member: Pick<WireStaff, 'firstName' | 'lastName'>): string {
  return [member.firstName, member.lastName].filter(Boolean).join(' ');
}

/** What booking a service needs beyond the public catalog. */
export interface ServiceRules {
  capacity: number;
  /** Form items the service asks for, with the customer field that fills each. */
  form: Array<{ id: string; field: CustomerFieldName }>;
}

export interface AgendizeCatalog extends PlatformCatalog {
  rules: Map<string, ServiceRules>;
  /** Services left out because they ask for a mandatory form item nothing fills, for the log and the setup check. */
  unfillable: Array<{ service: string; item: string; title: string }>;
}

/** Customer details Agendize stores on the client itself: a form item bound to one of them needs no mapping. */
const boundByClient = /^(crm-)?(name|first-?name|last-?name|e-?mail|mobile|phone|mobile-?phone|phone-?number)$/i;

/**
 * The services the public may book: visible, with a duration, performed by someone listed. A service's name is
 * the one in the site's language when `i18n` has it. A service whose mandatory form item we cannot fill is left
 * out (and named in `unfillable`): booking it would be refused every time.
 */
export function buildCatalog(input: {
  services: WireService[];
  staff: WireStaff[];
  locale: string;
  /** Form item id -> the customer field that fills it (the site's config). */
  formFields: Record<string, CustomerFieldName>;
}): AgendizeCatalog {
  const staffById = new Map(input.staff.map((s) => [s.id, s]));
  const rules = new Map<string, ServiceRules>();
  const unfillable: AgendizeCatalog['unfillable'] = [];
  const services: PlatformService[] = [];
  for (const wire of input.services) {
    if (!wire.visible || wire.duration <= 0) continue;
    const staffIds = wire.staff.map((s) => s.id).filter((id) => staffById.has(id));
    if (staffIds.length === 0) continue;
    const form = formOf(wire.form?.items ?? [], input.formFields);
    if (form.missing.length > 0) {
      for (const item of form.missing) unfillable.push({ service: wire.id, item: item.id, title: item.title });
      continue;
    }
    rules.set(wire.id, { capacity: Math.max(1, wire.capacity), form: form.filled });
    services.push({
      id: wire.id,
      name: wire.i18n[input.locale] || wire.name,
      durationMinutes: wire.duration,
      price: wire.price,
      // Each customer books one place; a capacity above one lets several book the same time.
      groupBooking: false,
      maxParticipants: 1,
      staffIds,
      branchIds: [],
      customerCanCancel: true,
      cancelNoticeMinutes: Math.max(0, wire.maxCancellationDelay),
    });
  }
  const performing = new Set(services.flatMap((s) => s.staffIds));
  const staff: StaffMember[] = input.staff.filter((s) => performing.has(s.id)).map((s) => ({ id: s.id, name: staffName(s) }));
  return { services, staff, branches: [], rules, unfillable };
}

function formOf(items: WireFormItem[], formFields: Record<string, CustomerFieldName>) {
  const filled: ServiceRules['form'] = [];
  const missing: WireFormItem[] = [];
  for (const item of items) {
    const field = formFields[item.id];
    if (field) filled.push({ id: item.id, field });
    else if (item.mandatory && item.visible && !boundByClient.test(item.bind)) missing.push(item);
  }
  return { filled, missing };
}

/** Agendize's native statuses as the customer sees them: only `pending` still waits for the business. */
const statusOf: Record<string, BookingStatus> = {
  accepted: 'confirmed',
  pending: 'pending_approval',
  declined: 'cancelled',
  cancelled: 'cancelled',
  completed: 'confirmed',
  noShow: 'confirmed',
  inProgress: 'confirmed',
};

/** Custom status ids the site uses for "are you coming?" answers. */
export interface AttendanceStatuses {
  yes: string;
  no: string;
}

export function bookingStatus(appt: Pick<WireAppointment, 'status'>): BookingStatus {
  return statusOf[appt.status ?? 'accepted'] ?? 'confirmed';
}

export function attendanceOf(appt: Pick<WireAppointment, 'customStatus'>, statuses: AttendanceStatuses | undefined): Attendance {
  const custom = appt.customStatus?.id;
  if (!statuses || !custom) return 'unknown';
  return custom === statuses.yes ? 'yes' : custom === statuses.no ? 'no' : 'unknown';
}

export function toBooking(
  appt: WireAppointment,
  ctx: { wireZone: string; siteZone: string; attendance: AttendanceStatuses | undefined; serviceName?: string },
): PlatformBooking {
  const zoneOf = (t: { timeZone?: string | undefined }) => t.timeZone || ctx.wireZone;
  return {
    key: { id: appt.id, reference: appt.reference },
    status: bookingStatus(appt),
    start: fromWall(appt.start.dateTime, zoneOf(appt.start), ctx.siteZone),
    end: fromWall(appt.end.dateTime, zoneOf(appt.end), ctx.siteZone),
    service: { id: appt.service?.id ?? '', name: appt.service?.name || ctx.serviceName || '' },
    staff: appt.staff ? { id: appt.staff.id, name: staffName(appt.staff) } : null,
    branch: null,
    participants: 1,
    attendance: attendanceOf(appt, ctx.attendance),
    ...(appt.reference ? { reference: appt.reference } : {}),
  };
}

/** Days of a freeSlots answer with at least one slot. */
export function bookableDays(answer: WireFreeSlots): string[] {
  return [...new Set(answer.items.filter((d) => d.slots.length > 0).map((d) => d.day))].sort();
}

/**
 * The times of one date from a freeSlots answer. The hold keeps the wall time exactly as Agendize wrote it, so the
 * booking sends back what it offered.
 */
export function timesOn(
  answer: WireFreeSlots,
  date: string,
  ctx: { wireZone: string; siteZone: string; durationMinutes: number; staff: { id: string; name: string } | null },
): PlatformTime[] {
  const times: PlatformTime[] = [];
  for (const day of answer.items) {
    if (day.day !== date) continue;
    const zone = day.timeZone || ctx.wireZone;
    for (const slot of day.slots) {
      const start = instantOfWall(slot, zone);
      times.push({
        start: fromWall(slot, zone, ctx.siteZone),
        end: formatInstant(ctx.siteZone, start + ctx.durationMinutes * 60_000),
        staff: ctx.staff,
        placesLeft: null,
        hold: { at: slot, zone, ...(ctx.staff ? { staffId: ctx.staff.id } : {}) },
      });
    }
  }
  return times.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
