import type { Attendance, BookingStatus } from '../../../contract/bookings.ts';
import type { Hold, PlatformBooking } from '../provider.ts';
import { addDays, instantOf, militaryOf, minuteOfMilitary, siteTime } from './time.ts';
import type { WireAppointment, WireDaySlot } from './wire.ts';

/** The times of one bookable slot as TimeTap wants them back, all in the staff member's zone. */
export interface SlotTimes {
  clientStartDate: string;
  clientStartTime: number;
  clientEndDate: string;
  clientEndTime: number;
  /** The staff's own start and end, buffers included. */
  startDate: string;
  startTime: number;
  endDate: string;
  endTime: number;
}

/** A wall-clock date and minute moved by some minutes, across midnight when it must. */
function shift(date: string, minute: number, by: number): { date: string; time: number } {
  const total = minute + by;
  const days = Math.floor(total / 1440);
  return { date: addDays(date, days), time: militaryOf(total - days * 1440) };
}

/**
 * A day-call slot completed: a missing client end is the start plus the visit, missing staff times are the
 * client's widened by the reason's buffers (what TimeTap itself does when they are sent as null).
 */
export function slotTimes(
  slot: WireDaySlot,
  day: string,
  service: { durationMinutes: number; bufferBefore: number; bufferAfter: number },
): SlotTimes | null {
  const startDate = slot.clientStartDate ?? day;
  const start = minuteOfMilitary(slot.clientStartTime);
  if (start === null) return null;
  const end = slot.clientEndTime === null || slot.clientEndTime === undefined ? shift(startDate, start, service.durationMinutes) : null;
  const clientEnd = end ?? { date: slot.clientEndDate ?? startDate, time: slot.clientEndTime! };
  const clientEndMinute = minuteOfMilitary(clientEnd.time);
  if (clientEndMinute === null) return null;
  const staffStart =
    slot.startTime === null || slot.startTime === undefined
      ? shift(startDate, start, -service.bufferBefore)
      : { date: slot.startDate ?? startDate, time: slot.startTime };
  const staffEnd =
    slot.endTime === null || slot.endTime === undefined
      ? shift(clientEnd.date, clientEndMinute, service.bufferAfter)
      : { date: slot.endDate ?? clientEnd.date, time: slot.endTime };
  if (minuteOfMilitary(staffStart.time) === null || minuteOfMilitary(staffEnd.time) === null) return null;
  return {
    clientStartDate: startDate,
    clientStartTime: slot.clientStartTime,
    clientEndDate: clientEnd.date,
    clientEndTime: clientEnd.time,
    startDate: staffStart.date,
    startTime: staffStart.time,
    endDate: staffEnd.date,
    endTime: staffEnd.time,
  };
}

export function holdOf(times: SlotTimes, staffId: string, locationId: string): Hold {
  return { staffId, locationId, ...times };
}

/** The slot times back out of a hold, checked: a hold travels signed, but it is still read field by field. */
export function timesOfHold(hold: Hold): SlotTimes | null {
  const dates = ['clientStartDate', 'clientEndDate', 'startDate', 'endDate'] as const;
  const times = ['clientStartTime', 'clientEndTime', 'startTime', 'endTime'] as const;
  if (!dates.every((k) => typeof hold[k] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(hold[k] as string))) return null;
  if (!times.every((k) => typeof hold[k] === 'number' && minuteOfMilitary(hold[k] as number) !== null)) return null;
  return Object.fromEntries([...dates, ...times].map((k) => [k, hold[k]])) as unknown as SlotTimes;
}

/**
 * TimeTap's status and subStatus in our words. A cancelled or deleted one is cancelled whatever the other says;
 * waiting for the staff's confirmation is waiting for the business; a no-show or completed one did take its time.
 */
export function statusOf(status: string, subStatus: string): BookingStatus {
  const both = [status.toUpperCase(), subStatus.toUpperCase()];
  if (both.some((s) => s === 'CANCELLED' || s === 'CANCELED' || s === 'DELETED' || s === 'CANCEL')) return 'cancelled';
  if (both.some((s) => s === 'PENDING_CONFIRMATION' || s === 'PENDING' || s === 'PENDING_WAITLIST')) return 'pending_approval';
  return 'confirmed';
}

/**
 * "Are you coming?": TimeTap keeps only a yes (clientConfirmed, which the client's reminder e-mail sets too),
 * so a "no" is kept on our side. The newer of the two answers wins.
 */
export function attendanceOf(
  appt: Pick<WireAppointment, 'clientConfirmed' | 'clientConfirmedDate'>,
  ours: { answer: 'yes' | 'no'; at: number } | null,
): Attendance {
  const confirmedAt = appt.clientConfirmed ? (appt.clientConfirmedDate ?? 0) : null;
  if (ours && (confirmedAt === null || confirmedAt <= ours.at)) return ours.answer;
  return confirmedAt !== null ? 'yes' : 'unknown';
}

export interface BookingContext {
  siteZone: string;
  /** The zone of the appointment's staff member (its times are in it). */
  staffZone: string;
  staffName: string;
  serviceName: string;
  branchName: string | null;
  attendance: Attendance;
}

export function toBooking(appt: WireAppointment, context: BookingContext): PlatformBooking {
  const start = instantOf(context.staffZone, appt.clientStartDate, appt.clientStartTime);
  const end = instantOf(context.staffZone, appt.clientEndDate ?? appt.clientStartDate, appt.clientEndTime);
  return {
    key: { calendarId: appt.calendarId, clientId: appt.client?.clientId ?? '' },
    status: statusOf(appt.status, appt.subStatus ?? ''),
    start: siteTime(context.siteZone, start),
    end: siteTime(context.siteZone, end),
    service: { id: appt.reason?.reasonId ?? '', name: appt.reason?.reasonDesc || context.serviceName },
    staff: appt.staff ? { id: appt.staff.professionalId, name: context.staffName } : null,
    branch: appt.location ? { id: appt.location.locationId, name: appt.location.locationName || context.branchName || '' } : null,
    participants: 1,
    attendance: context.attendance,
  };
}
