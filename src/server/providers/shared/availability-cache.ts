import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import type { EveryMember, Provider } from '../provider.ts';
import { TtlCache } from './ttl-cache.ts';

/** Long enough to absorb a page of widgets asking at once, short enough that nobody sees stale times. */
const defaultTtlMs = 2000;

/**
 * Platforms limit calls per minute and per day, and a page of widgets asks the same questions at
 * once. This keeps each answer of one site's provider for `ttlMs`, shares one upstream call between
 * identical concurrent questions, and forgets everything on a booking, a cancel or `invalidate()`
 * (webhooks call it when the business changes something on the platform's side).
 */
export function withAvailabilityCache(provider: Provider, opts: { ttlMs?: number | undefined; clock: Clock; log?: Logger }): Provider {
  const ttlMs = opts.ttlMs ?? defaultTtlMs;
  const answers = new TtlCache({ ttlMs, now: () => opts.clock().getTime() });
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => answers.get(key, load);

  function invalidate(): void {
    answers.clear();
    provider.invalidate?.();
  }

  /** Whatever the outcome (a slot_taken says our view was stale too), the next read goes upstream. */
  async function changing<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } finally {
      invalidate();
    }
  }

  // Keys list the query fields one by one so the order a caller built the object in does not matter.
  const wrapped: EveryMember<Provider> = {
    site: () => cached('site', () => provider.site()),
    catalog: () => cached('catalog', () => provider.catalog()),
    bookableDates: (q) =>
      cached(`dates|${q.service}|${q.staff ?? ''}|${q.branch ?? ''}|${q.participants}|${q.from}|${q.to}`, () => provider.bookableDates(q)),
    bookableTimes: (q) =>
      cached(`times|${q.service}|${q.staff ?? ''}|${q.branch ?? ''}|${q.participants}|${q.date}`, () => provider.bookableTimes(q)),
    book: (input) => changing(() => provider.book(input)),
    findBooking: provider.findBooking && ((input) => provider.findBooking!(input)),
    knownTaken: provider.knownTaken && ((input) => provider.knownTaken!(input)),
    arrive: provider.arrive && ((input) => provider.arrive!(input)),
    getBooking: (key) => provider.getBooking(key),
    setAttendance: (key, answer) => changing(() => provider.setAttendance(key, answer)),
    cancel: (key) => changing(() => provider.cancel(key)),
    confirmCode: provider.confirmCode && ((key, code) => changing(() => provider.confirmCode!(key, code))),
    decide: provider.decide && ((key, d) => changing(() => provider.decide!(key, d))),
    resendCode: provider.resendCode && ((key) => provider.resendCode!(key)),
    cancelCheck: provider.cancelCheck && ((key) => provider.cancelCheck!(key)),
    invalidate,
    close: provider.close && (() => provider.close!()),
  };
  return wrapped;
}
