import type { BookingStatus } from '../../../contract/bookings.ts';
import type { StaffMember } from '../../../contract/catalog.ts';
import { formatInstant, platformInstant } from '../../zoned.ts';
import type { PlatformCatalog, PlatformService } from '../provider.ts';
import type { WireAppointment, WireAppointmentType, WireResource } from './wire.ts';

/** Pure OnlineAfspraken -> Bookwell: the catalog, wall-clock times as instants, statuses. No HTTP. */

/** The site's instant of a wall-clock date and time; a time the clocks skip is read with the offset before. */
export function instantOf(day: string, time: string, timeZone: string): string {
  return formatInstant(timeZone, platformInstant(timeZone, day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))));
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

/** The resource an appointment was given (the first, when several). */
export function resourceOf(appt: WireAppointment): string | null {
  const first = appt.Resources.find((r) => /^\d+$/.test(r.ResourceId) && r.ResourceId !== '0');
  return first?.ResourceId ?? null;
}
