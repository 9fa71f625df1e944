import type { Tor4YouClient } from './client.ts';
import * as wire from './wire.ts';

/**
 * After an addappt whose answer never came: the appointment Tor4You may have made anyway, found by its
 * start, staff, service and the customer's cell (the newest one, should they already have had another there).
 */
export async function findLostBooking(
  client: Tor4YouClient,
  booked: { from: string; staff: string; service: string; cell: string },
): Promise<wire.WireAppointment | null> {
  const date = booked.from.slice(0, 8);
  const answer = await client.get('apptlist', { from: date, to: date, staff: booked.staff, service: booked.service }, wire.appointmentListAnswer);
  const matches = answer.appts.filter((a) => a.status === '1' && a.from === booked.from && a.cell === booked.cell);
  return matches.sort((a, b) => Number(b.id) - Number(a.id))[0] ?? null;
}
