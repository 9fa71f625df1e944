import { ApiFailure } from '../../../src/server/errors.ts';
import { fixedClock } from '../../../src/server/clock.ts';
import { parseSites, type SiteConfig } from '../../../src/server/config/sites.ts';
import { openDatabase, type Database } from '../../../src/server/db/database.ts';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migratedMemoryDatabase } from './memory-database.ts';
import { OutboxNotifier } from '../../../src/server/notify/outbox.ts';
import type { Notifier, OutgoingMessage } from '../../../src/server/notify/notifier.ts';
import { randomCode } from '../../../src/server/providers/embedded/codes.ts';
import { createEmbeddedEngine, type EmbeddedEngine, type EngineAdmin } from '../../../src/server/providers/embedded/index.ts';
import type { BookInput } from '../../../src/server/providers/provider.ts';

/**
 * A real database for engine tests: PGlite in memory, or PostgreSQL when BOOKWELL_TEST_PG_URL is set
 * (then every site id gets a random suffix so runs do not collide).
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.BOOKWELL_TEST_PG_URL;
  if (!url) return migratedMemoryDatabase();
  const db = await openDatabase({ url });
  await migrate(db);
  return db;
}

/** Keeps every message sent, in memory as well as in the outbox, so tests can read the code. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  failing = false;
  constructor(private readonly outbox: Notifier) {}
  async send(message: OutgoingMessage): Promise<void> {
    if (this.failing) throw new Error('notifier down');
    this.sent.push(message);
    await this.outbox.send(message);
  }
  lastCode(): string {
    const text = this.sent.at(-1)?.text ?? '';
    const match = /\b(\d{6})\b/.exec(text);
    if (!match) throw new Error('no code sent');
    return match[1]!;
  }
}

let siteCounter = 0;

/** A unique site id per test, so tests can share one database. */
export function newSiteId(prefix = 'site'): string {
  siteCounter += 1;
  const suffix = process.env.BOOKWELL_TEST_PG_URL ? `-${Math.random().toString(36).slice(2, 8)}` : '';
  return `${prefix}-${siteCounter}${suffix}`;
}

export function siteConfig(
  id: string,
  overrides: Partial<{ timezone: string; confirmation: 'none' | 'code' | 'approval'; attendance: boolean }> = {},
): SiteConfig {
  const [site] = parseSites(
    {
      sites: [
        {
          id,
          origins: ['http://127.0.0.1:8787'],
          locale: 'en',
          languages: ['en', 'he', 'nl', 'fr'],
          timezone: overrides.timezone ?? 'Asia/Jerusalem',
          country: 'IL',
          currency: 'ILS',
          confirmation: overrides.confirmation ?? 'none',
          attendance: overrides.attendance ?? true,
          provider: { type: 'embedded' },
        },
      ],
    },
    'test',
  );
  return site!;
}

export interface EngineFixture {
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  notifier: RecordingNotifier;
  engine: EmbeddedEngine;
  /** Returns the given values in turn (then repeats), for fair-choice tests. */
  setRandom(values: number[] | (() => number)): void;
  /** Confirmation codes are these in turn (then repeat); null: random again. */
  setCodes(codes: string[] | null): void;
}

/** `inMemory`: always PGlite in memory, for tests that name fixed site ids (the API tests), even when PostgreSQL is set. */
export async function engineFixture(now: string, options: { inMemory?: boolean; arrivalWaitMs?: number } = {}): Promise<EngineFixture> {
  const db = options.inMemory ? await migratedMemoryDatabase() : await openTestDatabase();
  const clock = fixedClock(now);
  const notifier = new RecordingNotifier(new OutboxNotifier(db, clock));
  let random: () => number = Math.random;
  let codes: string[] | null = null;
  let nextCode = 0;
  const newCode = () => (codes ? codes[nextCode++ % codes.length]! : randomCode());
  const engine = createEmbeddedEngine({ db, clock, notifier, random: () => random(), newCode, arrivalWaitMs: options.arrivalWaitMs });
  return {
    db,
    clock,
    notifier,
    engine,
    setRandom(values) {
      if (typeof values === 'function') {
        random = values;
        return;
      }
      let i = 0;
      random = () => values[i++ % values.length]!;
    },
    setCodes(values) {
      codes = values;
      nextCode = 0;
    },
  };
}

/** A customer and the rest of a booking, for the time and hold the test picked. */
export function bookInput(
  time: { start: string; end: string; hold: BookInput['hold'] },
  service: string,
  overrides: Partial<BookInput> = {},
): BookInput {
  return {
    service,
    staff: null,
    branch: null,
    start: time.start,
    end: time.end,
    hold: time.hold,
    participants: 1,
    customer: { firstName: 'Dana', lastName: 'Levi', cell: '0541234567', email: 'dana@example.com' },
    lang: 'en',
    idempotencyKey: crypto.randomUUID(),
    resumed: false,
    ...overrides,
  };
}

/** For assert.rejects: the failure carries this stable code. */
export const failsWith = (code: string) => (error: unknown) => error instanceof ApiFailure && error.code === code;

/** A studio whose teacher Sanne gives Yoga on one slot, 2 Dec 2026 09:00-10:00 Amsterdam time, with `places` places. */
export async function groupSlot(admin: EngineAdmin, places: number) {
  const id = newSiteId('studio');
  await admin.addSite({ id, name: 'Studio', calendar: 'slots' });
  const sanne = await admin.addStaff(id, { name: 'Sanne', showorder: 1 });
  const yoga = await admin.addService(id, { name: 'Yoga', duration: 60, maxmembers: places, staffIds: [sanne] });
  const slot = (await admin.addSlot(id, {
    staffId: sanne,
    serviceId: yoga,
    from: '2026-12-02T09:00:00+01:00',
    to: '2026-12-02T10:00:00+01:00',
    maxmembers: places,
  }))!;
  return { id, yoga, slot, config: siteConfig(id, { timezone: 'Europe/Amsterdam' }) };
}

/** A clinic whose staff (one per name) all work Mondays 09:00-12:00 and give a 30-minute check-up on a 30-minute grid. */
export async function mondayClinic(admin: EngineAdmin, names: string[] = ['Avi']) {
  const id = newSiteId('clinic');
  await admin.addSite({ id, name: 'Clinic', calendar: 'open' });
  const staff: string[] = [];
  for (const name of names) {
    const member = await admin.addStaff(id, { name, showorder: 1 });
    await admin.addHours(member, { weekday: 1, from: '09:00', to: '12:00' });
    staff.push(member);
  }
  const checkup = await admin.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: staff });
  return { id, service: checkup, staff, config: siteConfig(id) };
}
