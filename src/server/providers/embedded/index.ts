import type { Clock } from '../../clock.ts';
import type { SiteSettings } from '../../config/sites.ts';
import type { Database, Queryable } from '../../db/database.ts';
import type { Notifier } from '../../notify/notifier.ts';
import { noTurn, type BookInput, type PlatformBooking, type PlatformTime, type Provider } from '../provider.ts';
import { createAdmin, type EngineAdmin } from './admin.ts';
import { loadAppointment, toPlatformBooking } from './appointment.ts';
import { findDates, findTimes, type EngineSite } from './availability.ts';
import { book, contentionKey, contentionPrefix, madeWithKey, seatsOf } from './booking.ts';
import { createContentionGate } from './contention.ts';
import { randomCode } from './codes.ts';
import { cachedFixedData } from './fixed-data.ts';
import { catalog, siteInfo } from './catalog.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { cancel, confirmCode, decide, getBooking, resendCode, sendCode, setAttendance, type ManageContext } from './manage.ts';
import { formatInstant } from '../../zoned.ts';

export type { EngineAdmin } from './admin.ts';

export interface EmbeddedEngine {
  /** The Provider of one site whose provider.type is 'embedded'; its data lives under the site's id. */
  providerFor(site: SiteSettings): Provider;
  /** Marks pending_code bookings past expires_at as expired (they already stopped holding places). */
  expirePending(): Promise<number>;
  admin: EngineAdmin;
}

export interface EmbeddedEngineOptions {
  db: Database;
  clock: Clock;
  notifier: Notifier;
  /** Picks the staff member among those free at a time; injectable so tests can check fairness. */
  random?: () => number;
  /** Makes confirmation codes; six random digits unless a test chooses them. */
  newCode?: () => string;
  /** How long a booking attempt waits for those ahead of it on one time (contention.ts); a second unless a test says. */
  arrivalWaitMs?: number;
}

/** Bookwell's own scheduling engine on a real database (PGlite or PostgreSQL), run migrations first. */
export function createEmbeddedEngine(opts: EmbeddedEngineOptions): EmbeddedEngine {
  const { db, clock, notifier } = opts;
  const random = opts.random ?? Math.random;
  const newCode = opts.newCode ?? randomCode;
  const now = () => clock().getTime();
  /**
   * bookableDates answers for one second, so a month view asked a thousand times a second is computed about once a
   * second per query. Keys carry "now" to the second, so a moved clock never reads an old answer; any change made
   * through this engine clears the site's answers at once; other instances on one PostgreSQL see it a second late.
   */
  const datesCache = new TtlCache({ ttlMs: 1000, now: () => performance.now(), maxEntries: 2000 });
  const datesKey = (siteId: string) => `${siteId}\u0000`;
  /** Services, staff and hours, dropped with every admin change here; another instance's change shows within 30 s. */
  const fixed = cachedFixedData(db, 30_000, () => performance.now());
  /** Many attempts on one time: those that cannot get in are told at once (contention.ts). */
  const gate = createContentionGate({ arrivalWaitMs: opts.arrivalWaitMs });
  /** After a change, the next ask recomputes; the change itself is returned unchanged. */
  const changes = <T>(siteId: string, work: Promise<T>): Promise<T> => work.finally(() => datesCache.clear(datesKey(siteId)));
  /** A change that may free a place: the gate forgets the site's free places too. */
  const frees = <T>(siteId: string, work: Promise<T>): Promise<T> => changes(siteId, work).finally(() => gate.forget(contentionPrefix(siteId)));

  function providerFor(config: SiteSettings): Provider {
    let calendar: Promise<'open' | 'slots'> | null = null;
    let known: EngineSite | null = null;
    const engineSite = async (): Promise<EngineSite> => {
      // The calendar kind is fixed per site; a failed read is retried next time.
      calendar ??= siteInfo(db, config.id).then(
        (s) => s.calendar,
        (error: unknown) => {
          calendar = null;
          throw error;
        },
      );
      known = { id: config.id, timeZone: config.timezone, calendar: await calendar };
      return known;
    };
    const ctx: ManageContext = {
      db,
      siteId: config.id,
      timeZone: config.timezone,
      now,
      notifier,
      asksAttendance: config.attendance,
      newCode,
      country: config.country,
    };

    const times = async (query: Parameters<Provider['bookableTimes']>[0]): Promise<PlatformTime[]> => {
      const site = await engineSite();
      const found = await findTimes(db, site, { ...query, from: query.date, to: query.date }, now(), random, fixed);
      return found.map((t) => ({
        start: formatInstant(site.timeZone, t.start),
        end: formatInstant(site.timeZone, t.end),
        staff: t.staff,
        placesLeft: t.placesLeft,
        hold: t.hold,
      }));
    };

    return {
      site: () => siteInfo(db, config.id),
      catalog: () => catalog(db, config.id, now()),
      async bookableDates(query) {
        const site = await engineSite();
        const at = now();
        return datesCache.get(`${datesKey(site.id)}${Math.floor(at / 1000)}\u0000${JSON.stringify(query)}`, async () => {
          return findDates(db, site, query, at, fixed);
        });
      },
      bookableTimes: times,
      book: (input) => changes(config.id, bookNow(input)),
      async findBooking(input) {
        const appointmentId = await madeWithKey(db, config.id, input.idempotencyKey);
        if (!appointmentId) return null;
        return toPlatformBooking(await loadAppointment(db, config.id, { appointmentId }), config.timezone, now());
      },
      async arrive(input) {
        // As knownTaken: before the site's first answer the calendar kind is not known, so nothing is held back.
        const site = known;
        return site === null ? noTurn : gate.arrive(contentionKey(site, input), seatsOf(site, input), input.idempotencyKey);
      },
      knownTaken(input) {
        // Known only once the calendar kind is (after the site's first answer): before that, nothing is refused here.
        const site = known;
        return site !== null && gate.refuses(contentionKey(site, input), seatsOf(site, input));
      },
      getBooking: (key) => getBooking(ctx, key),
      setAttendance: (key, answer) => setAttendance(ctx, key, answer),
      cancel: (key) => frees(config.id, cancel(ctx, key)),
      confirmCode: (key, code) => changes(config.id, confirmCode(ctx, key, code)),
      resendCode: (key) => changes(config.id, resendCode(ctx, key)),
      decide: (key, decision) => frees(config.id, decide(ctx, key, decision)),
      invalidate: () => datesCache.clear(datesKey(config.id)),
    };

    async function bookNow(input: BookInput): Promise<PlatformBooking> {
      const site = { ...(await engineSite()), confirmation: config.confirmation };
      const at = now();
      const placed = await book(db, gate, site, input, at, random, newCode);
      const row = placed.row ?? (await loadAppointment(db, config.id, { appointmentId: placed.appointmentId }));
      if (placed.code) {
        // The booking stands even if this send fails: the customer can ask to send the code again.
        const { name } = await siteInfo(db, config.id);
        await sendCode(notifier, config.id, config.country, name, row, placed.code).catch(() => undefined);
      }
      return toPlatformBooking(row, config.timezone, at);
    }
  }

  return {
    providerFor,
    async expirePending() {
      const rows = await db.query<{ id: string }>(
        "UPDATE appointments SET status = 'expired' WHERE status = 'pending_code' AND expires_at <= $1 RETURNING id",
        [clock()],
      );
      if (rows.length > 0) {
        datesCache.clear();
        gate.forget('');
      }
      return rows.length;
    },
    admin: createAdmin(
      clearingAfterWrites(db, () => {
        datesCache.clear();
        fixed.clear();
        gate.forget('');
      }),
      clock,
    ),
  };
}

/** Admin changes (tests, demo pages) clear remembered answers too, so they show at once. */
function clearingAfterWrites(db: Queryable, clear: () => void): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const rows = await db.query<T>(sql, params);
      if (!/^\s*SELECT\b/i.test(sql)) clear();
      return rows;
    },
  };
}
