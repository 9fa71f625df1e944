import type { Customer } from '../../../contract/customer.ts';
import type { AgendizeClient } from './client.ts';
import * as wire from './wire.ts';

const digits = (value: string) => value.replace(/\D/g, '').replace(/^33(?=[67]\d{8}$)/, '0');

/** Same person: the e-mail address when both have one, otherwise the mobile number. */
function samePerson(found: wire.WireClient, customer: Customer): boolean {
  const email = customer.email?.toLowerCase();
  if (email && found.emailAddresses.some((e) => e.email.toLowerCase() === email)) return true;
  const cell = digits(customer.cell);
  return found.phoneNumbers.some((p) => digits(p.number) === cell);
}

/**
 * The customer's Agendize client: the one already there (found by e-mail, else mobile) or a new one. Looking first
 * means a retried booking, or a returning customer, never leaves a second client behind.
 */
export async function findOrCreateClient(client: AgendizeClient, customer: Customer): Promise<wire.WireClient> {
  const search = customer.email || customer.cell;
  const found = await client.call('clients', 'read', '/clients', { query: { search } }, wire.clientsAnswer);
  const existing = found.items.find((c) => samePerson(c, customer));
  if (existing) return existing;
  return client.call(
    'client',
    'write',
    '/clients',
    {
      method: 'POST',
      body: {
        firstName: customer.firstName,
        lastName: customer.lastName,
        ...(customer.email ? { emailAddresses: [{ email: customer.email, primary: true }] } : {}),
        phoneNumbers: [{ number: customer.cell, primary: true, mobile: true }],
      },
    },
    wire.client,
  );
}
