/** The backend on the real engine and database with a settable clock, for the message and reminder tests. */
import assert from 'node:assert/strict';
import { saveBookingRecord } from '../../../src/server/booking/records.ts';
import { createApp } from '../../../src/server/app.ts';
import { fixedClock, systemClock } from '../../../src/server/clock.ts';
import { parseSites, type SiteConfig } from '../../../src/server/config/sites.ts';
import type { Database } from '../../../src/server/db/database.ts';
import type { AppDeps } from '../../../src/server/deps.ts';
import { readOutbox, type OutboxEntry } from '../../../src/server/notify/index.ts';
import { enqueue } from '../../../src/server/notify/jobs.ts';
import { OutboxNotifier } from '../../../src/server/notify/outbox.ts';
import type { Transports } from '../../../src/server/notify/transports.ts';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../../src/server/providers/embedded/index.ts';
import type { PlatformKey } from '../../../src/server/providers/provider.ts';
import { createRuntime, type Runtime } from '../../../src/server/routes/runtime.ts';
import { newSiteId } from './engine.ts';

export const origin = 'https://clinic.example';
export const publicUrl = 'https://book.example';
const secret = 'messages-test-secret-messages-test-secret-1';

export function messageSite(id: string, overrides: Record<string, unknown> = {}): SiteConfig {
  const [site] = parseSites(
    {
      sites: [
        {
          id,
          origins: [origin],
          locale: 'he',
          languages: ['he', 'en', 'nl', 'fr'],
          timezone: 'Asia/Jerusalem',
          country: 'IL',
          currency: 'ILS',
          customerFields: [{ name: 'email', required: false }],
          business: { email: 'owner@clinic.example', cell: '+972521111111' },
          provider: { type: 'embedded' },
          ...overrides,
        },
      ],
    },
    'test',
  );
  return site!;
}

export interface Backend {
  rt: Runtime;
  app: ReturnType<typeof createApp>;
  engine: EmbeddedEngine;
}

/** One backend instance on `db`: its own runtime and message runner, like a process of its own. */
export function backendOn(db: Database, sites: SiteConfig[], clock: ReturnType<typeof fixedClock>, transports: Transports = {}): Backend {
  const engine = createEmbeddedEngine({ db, clock, notifier: new OutboxNotifier(db, clock) });
  const deps: AppDeps = {
    sites: new Map(sites.map((s) => [s.id, s])),
    providers: new Map(sites.map((s) => [s.id, engine.providerFor(s)])),
    db,
    clock,
    log: { info() {}, warn() {}, error() {} },
    publicUrl,
    secret,
    transports,
    rateLimits: { perIp: 100_000, perSite: 100_000, managePerIp: 100_000 },
  };
  const rt = createRuntime(deps);
  return { rt, app: createApp(deps, {}, rt), engine };
}

/** A clinic open every day 08:00-18:00 with one 30-minute treatment (price 120) and a site row of its own. */
export async function seedClinic(engine: EmbeddedEngine, prefix = 'clinic'): Promise<{ id: string; service: string }> {
  const id = newSiteId(prefix);
  await engine.admin.addSite({ id, name: 'Clinic <Dr. Levi>', phone: '03-5550000', calendar: 'open' });
  const branch = await engine.admin.addBranch(id, { name: 'Main', address: 'Herzl 1, Tel Aviv' });
  const staff = await engine.admin.addStaff(id, { name: 'Dana', branchId: branch });
  const service = await engine.admin.addService(id, { name: 'Checkup', duration: 30, price: 120, staffIds: [staff] });
  for (let weekday = 0; weekday < 7; weekday++) await engine.admin.addHours(staff, { weekday, from: '08:00', to: '18:00' });
  return { id, service };
}

let keys = 0;

/** Books the first free time of `date` through the API, as the widget does. */
export async function book(
  b: Backend,
  site: string,
  service: string,
  date: string,
  customer: Record<string, string> = { firstName: 'Noa', lastName: 'Levi', cell: '050-1234567', email: 'noa@example.com' },
  lang = 'he',
) {
  const session = await b.app.request('/v1/session', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ site }),
  });
  const { token } = (await session.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, origin };
  const times = await b.app.request(`/v1/availability/times?service=${service}&date=${date}`, { headers });
  const { times: list } = (await times.json()) as { times: { ref: string; start: string }[] };
  if (!list[0]) throw new Error(`no time on ${date}: ${JSON.stringify(list)}`);
  const res = await b.app.request('/v1/bookings', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `messages-test-${++keys}-${Math.random().toString(36).slice(2)}` },
    body: JSON.stringify({ ref: list[0].ref, participants: 1, customer, lang }),
  });
  const body = (await res.json()) as { booking: { id: string; manage: string; start: string; status: string } };
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(body)}`);
  return body.booking;
}

/** The outbox of a site, oldest first, as [kind, channel, to]. */
export async function sent(db: Database, site: string): Promise<OutboxEntry[]> {
  return (await readOutbox(db, site, 500)).reverse();
}

export const summary = (entries: OutboxEntry[]) => entries.map((e) => `${e.kind}:${e.to.email ?? e.to.cell}:${e.status}`);

/**
 * A platform's webhook about one appointment (`deliver` sends it) makes that booking's reminder due now, so it re-reads
 * the appointment (it may have moved or been cancelled), and leaves the reminder of a booking on another appointment
 * at its time. The bookings are found by the platform keys our records keep: `changed` is the webhook's appointment.
 */
export async function assertWebhookWakesReminder(
  db: Database,
  site: string,
  keys: { changed: PlatformKey; other: PlatformKey },
  deliver: () => Response | Promise<Response>,
): Promise<void> {
  const changed = `bk_changed_on_${site}`;
  const other = `bk_other_on_${site}`;
  await saveBookingRecord(db, systemClock, { id: changed, site, key: keys.changed });
  await saveBookingRecord(db, systemClock, { id: other, site, key: keys.other });
  const later = new Date(Date.now() + 86_400_000);
  for (const bookingId of [changed, other]) {
    await enqueue(db, () => later, [{ site, bookingId, kind: 'reminder', channel: 'sms', audience: 'customer', dueAt: later }]);
  }
  assert.equal((await deliver()).status, 200);
  const due = await db.query<{ booking_id: string; due_at: string | Date }>("SELECT booking_id, due_at FROM message_jobs WHERE kind = 'reminder'");
  const dueAt = Object.fromEntries(due.map((r) => [r.booking_id, new Date(r.due_at).getTime()]));
  assert.ok(dueAt[changed]! <= Date.now(), "this appointment's reminder is due now, to re-read it");
  assert.equal(dueAt[other], later.getTime(), "another appointment's reminder keeps its time");
}
