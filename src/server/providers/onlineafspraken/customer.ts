import type { Customer } from '../../../contract/customer.ts';
import type { OnlineAfsprakenClient, Params } from './client.ts';
import type { OnlineAfsprakenConfig } from './config.ts';
import * as mapping from './mapping.ts';
import * as wire from './wire.ts';

/** Our customer fields as the extra fields of one form (Registration: setCustomer, Appointment: setAppointment). */
export function extraFieldParams(
  customer: Customer,
  fields: wire.WireField[],
  config: OnlineAfsprakenConfig,
  form: 'Registration' | 'Appointment',
): Params {
  const params: Params = {};
  for (const field of fields) {
    const source = config.fields[field.Key];
    const value = source ? customer[source] : undefined;
    if (field.Type === form && value) params[field.Key] = value;
  }
  return params;
}

/**
 * The platform's customer id for this person: the one with this e-mail address when there is one (so a retry,
 * or a second booking, never makes a duplicate), else a new one with their name and mobile number.
 */
export async function customerIdFor(client: OnlineAfsprakenClient, customer: Customer, registration: Params): Promise<string> {
  const email = customer.email ?? '';
  const known = await client.list('getCustomers', { Email: email }, 'Customer', wire.customer);
  const same = known.find((c) => (c.Status === '' || c.Status === '1') && c.Email.toLowerCase() === email.toLowerCase());
  if (same) return same.Id;
  const made = await client.one(
    'setCustomer',
    { FirstName: customer.firstName, LastName: customer.lastName, Email: email, MobilePhone: customer.cell, ...registration },
    'Customer',
    wire.customer,
  );
  return made.Id;
}

/** After a setAppointment whose answer never came: the appointment it may have made, by customer, type and start. */
export async function findLostAppointment(
  client: OnlineAfsprakenClient,
  booked: { agendaId: string; customerId: string; typeId: string; date: string; time: string },
): Promise<wire.WireAppointment | null> {
  const appointments = await client.list(
    'getAppointments',
    { AgendaId: booked.agendaId, CustomerId: booked.customerId, AppointmentTypeId: booked.typeId, StartDate: booked.date, EndDate: booked.date },
    'Appointment',
    wire.appointment,
  );
  const start = `${booked.date} ${booked.time}`;
  const live = appointments.filter(
    (a) => a.StartTime.startsWith(start) && a.CustomerId === booked.customerId && mapping.statusOf(a, false) !== 'cancelled',
  );
  return live.at(-1) ?? null;
}
