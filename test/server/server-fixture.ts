/** A test app on a real in-memory PGlite database, with a small strict fake platform. */
import { after, before } from 'node:test';
import { apiError, timesResponse } from '../../src/contract/index.ts';
import { createApp } from '../../src/server/app.ts';
import { fixedClock } from '../../src/server/clock.ts';
import { parseSites, type SiteConfig } from '../../src/server/config/sites.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { AppDeps, Logger } from '../../src/server/deps.ts';
import { ApiFailure } from '../../src/server/errors.ts';
import type { BookInput, PlatformBooking, PlatformCatalog, PlatformKey, Provider } from '../../src/server/providers/provider.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

export const pageOrigin = 'https://clinic.example';
export const publicUrl = 'https://book.example';

export function testSites(): SiteConfig[] {
  return parseSites(
    {
      sites: [
        {
          id: 'clinic',
          origins: [pageOrigin],
          locale: 'en',
          languages: ['en', 'he'],
          timezone: 'Asia/Jerusalem',
          country: 'IL',
          currency: 'ILS',
          confirmation: 'code',
          attendance: true,
          customerFields: [{ name: 'email', required: true }],
          provider: { type: 'embedded' },
        },
        {
          id: 'other',
          origins: ['https://other.example'],
          locale: 'en',
          languages: ['en'],
          timezone: 'Europe/Amsterdam',
          country: 'NL',
          currency: 'EUR',
          attendance: false,
          provider: { type: 'embedded' },
        },
      ],
    },
    'test-sites.json',
    // These tests book one customer many times; api-booking-caps.test.ts tests the caps.
  ).map((s) => ({ ...s, caps: { perCellPerDay: 1000, perEmailPerDay: 1000, openPerCustomer: 1000 } }));
}

/**
 * A platform with one 09:00-09:30 time a day, 3 places, plus service "private" (1 place) and "fixed"
 * which customers may not cancel. Cancel notice is 24 h.
 */
export class FakePlatform implements Provider {
  bookings = new Map<string, PlatformBooking>();
  calls = { book: 0, dates: 0, catalog: 0 };
  failNext: Error | null = null;
  private next = 1;

  constructor(private readonly clock: () => Date) {}

  async site() {
    return { name: 'Fake Clinic', phone: '03-1234567', calendar: 'slots' as const };
  }

  async catalog(): Promise<PlatformCatalog> {
    this.calls.catalog++;
    const base = { price: 100, durationMinutes: 30, staffIds: ['7'], branchIds: [] };
    return {
      services: [
        { ...base, id: 'group', name: 'Group class', groupBooking: true, maxParticipants: 3, customerCanCancel: true, cancelNoticeMinutes: 1440 },
        { ...base, id: 'fixed', name: 'Fixed', groupBooking: false, maxParticipants: 1, customerCanCancel: false, cancelNoticeMinutes: 0 },
      ],
      staff: [{ id: '7', name: 'Dana' }],
      branches: [{ id: 'b1', name: 'Main', address: 'Herzl 1, Tel Aviv' }],
    };
  }

  async bookableDates(q: { from: string; to: string }) {
    this.calls.dates++;
    return [q.from, q.to];
  }

  async bookableTimes(q: { date: string; service: string }) {
    const start = `${q.date}T09:00:00+02:00`;
    const end = `${q.date}T09:30:00+02:00`;
    const taken = [...this.bookings.values()].filter((b) => b.start === start && b.status !== 'cancelled').reduce((n, b) => n + b.participants, 0);
    return [{ start, end, staff: { id: '7', name: 'Dana' }, placesLeft: 3 - taken, hold: { slotId: 42, vfib: 'secret-vfib' } }];
  }

  async book(input: BookInput): Promise<PlatformBooking> {
    this.calls.book++;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (input.hold['vfib'] !== 'secret-vfib') throw new ApiFailure('upstream_error', 'bad hold');
    const taken = [...this.bookings.values()]
      .filter((b) => b.start === input.start && b.status !== 'cancelled')
      .reduce((n, b) => n + b.participants, 0);
    if (taken + input.participants > 3) throw new ApiFailure('slot_taken', 'The time is no longer free.');
    const id = String(this.next++);
    const booking: PlatformBooking = {
      key: { id, conf: 'c0nf' },
      status: 'confirmed',
      start: input.start,
      end: input.end,
      service: { id: input.service, name: input.service === 'fixed' ? 'Fixed' : 'Group class' },
      staff: { id: '7', name: 'Dana' },
      branch: { id: 'b1', name: 'Main' },
      participants: input.participants,
      attendance: 'unknown',
    };
    this.bookings.set(id, booking);
    this.lastInput = input;
    return booking;
  }
  lastInput: BookInput | null = null;

  private find(key: PlatformKey) {
    const b = this.bookings.get(key['id'] ?? '');
    if (!b || key['conf'] !== 'c0nf') throw new ApiFailure('not_found', 'no booking');
    return b;
  }
  async getBooking(key: PlatformKey) {
    return this.find(key);
  }
  async setAttendance(key: PlatformKey, answer: 'yes' | 'no') {
    const b = this.find(key);
    b.attendance = answer;
    return b;
  }
  async cancel(key: PlatformKey) {
    const b = this.find(key);
    b.status = 'cancelled';
    return b;
  }
  async confirmCode(key: PlatformKey, code: string) {
    const b = this.find(key);
    if (code !== '123456') throw new ApiFailure('code_wrong', 'wrong code');
    b.status = 'confirmed';
    return b;
  }
  async resendCode() {
    return { sentTo: '05•••••567', nextResendAt: new Date(this.clock().getTime() + 60_000).toISOString() };
  }
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  platform: FakePlatform;
  logs: string[];
  deps: AppDeps;
  close(): Promise<void>;
}

export async function testApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const db = await migratedMemoryDatabase();
  const clock = fixedClock('2026-12-01T08:00:00Z');
  const platform = new FakePlatform(clock);
  const sites = testSites();
  const logs: string[] = [];
  const log: Logger = {
    info: (f) => logs.push(JSON.stringify(f)),
    warn: (f) => logs.push(JSON.stringify(f)),
    error: (f) => logs.push(JSON.stringify(f)),
  };
  const deps: AppDeps = {
    sites: new Map(sites.map((s) => [s.id, s])),
    providers: new Map(sites.map((s) => [s.id, platform])),
    db,
    clock,
    log,
    publicUrl,
    secret: 'a-test-secret-that-is-long-enough-1234567890',
    availabilityCacheMs: 0,
    ...overrides,
  };
  return { app: createApp(deps), db, clock, platform, logs, deps, close: () => db.close() };
}

/** Asks for a session the way a page on `origin` would. */
export async function session(t: TestApp, site = 'clinic', origin = pageOrigin): Promise<string> {
  const res = await t.app.request('/v1/session', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ site }),
  });
  if (res.status !== 200) throw new Error(`session failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function authed(token: string, origin = pageOrigin, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, origin, ...extra };
}

export const goodCustomer = { firstName: 'Noa', lastName: 'Levi', cell: '050-1234567', email: 'noa@example.com' };

let keys = 0;
/** A fresh Idempotency-Key: every booking of a test is a new one unless the test means a retry. */
export const newKey = () => `test-key-${++keys}`;

/** A test app and a page's session token: what the tests of one describe block book with. */
export interface Session {
  t: TestApp;
  token: string;
}

/**
 * The app and its session for the tests of one describe block: made before them, closed after. Tests read `s.t` and
 * `s.token` as they run; one that lets time pass puts a new token into `s.token`.
 */
export function appWithSession(overrides: () => Partial<AppDeps> = () => ({})): Session {
  const s = {} as Session;
  before(async () => {
    s.t = await testApp(overrides());
    s.token = await session(s.t);
  });
  after(() => s.t.close());
  return s;
}

/** What the widget sends to book the fake platform's group class (one time a day, 09:00), read from `s` at each call. */
export function bookingCalls(s: Session) {
  const timeRef = async (date = '2026-12-03', tok = s.token, origin = pageOrigin) => {
    const res = await s.t.app.request(`/v1/availability/times?service=group&date=${date}`, { headers: authed(tok, origin) });
    return timesResponse.parse(await res.json()).times[0]!.ref;
  };
  const book = (body: unknown, key: string | null = newKey(), tok = s.token, origin = pageOrigin) =>
    s.t.app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(tok, origin, { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }),
      body: JSON.stringify(body),
    });
  const errorOf = async (res: Response) => apiError.parse(await res.json()).error;
  return { timeRef, book, errorOf };
}
