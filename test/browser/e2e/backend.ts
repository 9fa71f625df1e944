/** The real backend for end-to-end tests (started by backend-plugin.mjs), and checks made through its HTTP API. */
import { executeServerCommand } from '@web/test-runner-commands';
import { startedServer } from '../start-backend.ts';
import type { BookableTime, Booking, ManageView } from '../../../src/contract/index.ts';

/**
 * `approvalSite`: the backend also serves `test-approval` (demo-clinic's catalog; bookings wait for the business).
 * `movableClock`: its clock can be moved ahead (moveClock), so what falls due later is sent now by its own jobs.
 */
export async function backend(
  options: { tokenTtlSeconds?: number; name?: string; approvalSite?: boolean; movableClock?: boolean } = {},
): Promise<string> {
  return (await startedServer<{ api: string }, typeof options>('bookwell-backend', options)).api;
}

/** Puts a movable-clock backend's clock at `to` (ISO, ahead of now); it runs on from there. */
export async function moveClock(api: string, to: string): Promise<void> {
  await executeServerCommand<{ aheadMs: number }, { api: string; to: string }>('bookwell-move-clock', { api, to });
}

async function token(api: string, site: string): Promise<string> {
  const response = await fetch(`${api}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The appointment as the backend keeps it, read through its manage link. */
export async function appointment(api: string, manage: string): Promise<ManageView> {
  const response = await fetch(`${api}/v1/manage`, { headers: { authorization: `Bookwell-Manage ${manage}` } });
  return (await response.json()) as ManageView;
}

/** The id of a service or staff member by its name: ids depend on the order the sites were first set up in. */
export async function idOf(api: string, site: string, kind: 'services' | 'staff', name: string): Promise<string> {
  const response = await fetch(`${api}/v1/catalog`, { headers: { authorization: `Bearer ${await token(api, site)}` } });
  const found = ((await response.json()) as Record<typeof kind, Array<{ id: string; name: string }>>)[kind].find((x) => x.name === name);
  if (!found) throw new Error(`${site} has no ${kind} "${name}"`);
  return found.id;
}

export async function freeTimes(api: string, site: string, query: Record<string, string>): Promise<BookableTime[]> {
  const response = await fetch(`${api}/v1/availability/times?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${await token(api, site)}` },
  });
  return ((await response.json()) as { times: BookableTime[] }).times;
}

export async function bookAsSomeoneElse(payload: {
  api: string;
  site: string;
  service: string;
  date: string;
  start: string;
  participants?: number;
  staff?: string;
  customer?: Record<string, string>;
}) {
  return executeServerCommand<{ booking?: Booking; error?: { code: string } }, typeof payload>('bookwell-book-directly', payload);
}

/** The newest code the engine sent to this customer (email, else cell) since a moment. */
export async function outboxCode(api: string, site: string, to: string, since: string): Promise<string | null> {
  type Query = { api: string; site: string; to: string; since: string };
  return (await executeServerCommand<{ code: string | null }, Query>('bookwell-outbox-code', { api, site, to, since })).code;
}

export interface OutboxMessage {
  to: string;
  text: string;
  /** The message's links, as the outbox page makes them clickable. */
  links: string[];
}

/** The outbox messages of a kind (`booked`, `reminder`, `business_approval`, `declined`...) since a moment, newest first. */
export async function outboxMessages(api: string, site: string, kind: string, since: string): Promise<OutboxMessage[]> {
  type Query = { api: string; site: string; kind: string; since: string };
  return (await executeServerCommand<{ messages: OutboxMessage[] }, Query>('bookwell-outbox-messages', { api, site, kind, since })).messages;
}

/** The manage token in a message's manage link, as the customer would follow it. */
export function manageTokenIn(message: OutboxMessage): string | undefined {
  const link = message.links.find((l) => l.includes('#bookwell-manage='));
  const token = link && /#bookwell-manage=([^&]+)/.exec(link)?.[1];
  return token ? decodeURIComponent(token) : undefined;
}

/** The message of `kind` about one booking (its manage link opens that booking), waiting for it to be sent. */
export async function outboxMessageFor(
  api: string,
  site: string,
  kind: string,
  since: string,
  bookingId: string,
): Promise<OutboxMessage & { manage: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const message of await outboxMessages(api, site, kind, since)) {
      const manage = manageTokenIn(message);
      if (manage && (await appointment(api, manage).catch(() => undefined))?.booking?.id === bookingId) return { ...message, manage };
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} message about ${bookingId} in the ${site} outbox since ${since}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A free time at least `daysAhead` days away, as the backend offers it. */
export async function someFreeTime(
  api: string,
  site: string,
  query: Record<string, string>,
  daysAhead = 2,
): Promise<BookableTime & { date: string }> {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const headers = { authorization: `Bearer ${await token(api, site)}` };
  const params = new URLSearchParams({ ...query, from: day(daysAhead), to: day(daysAhead + 28) });
  const { dates } = (await (await fetch(`${api}/v1/availability/dates?${params}`, { headers })).json()) as { dates: string[] };
  for (const date of dates) {
    const [time] = await freeTimes(api, site, { ...query, date });
    if (time) return { ...time, date };
  }
  throw new Error(`no free time for ${JSON.stringify(query)}`);
}
