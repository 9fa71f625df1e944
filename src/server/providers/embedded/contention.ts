import type { Arrival } from '../provider.ts';

/**
 * Fast answers when many customers book one time at once. Without this, every attempt waits its turn for the slot's
 * (or staff member's) row lock, and on PGlite for the whole database, only to learn the time is gone: with 1,000
 * attempts the last one waited 15 s. Here each time being booked has an entry in this process that remembers how
 * many places the database last said were free (read under the lock) and which attempts are on their way; an
 * attempt that cannot fit is refused at once, without touching the database. The database stays the judge: an
 * attempt let through is checked again under the lock, so a stale entry can only let an attempt through that the
 * database then refuses (another instance booked), never overfill. Entries live only while bookings run, plus a
 * second after the last answer, and any cancel or change made here forgets what they remember.
 *
 * An attempt meets the gate twice. On arrival, before the request does any work of its own (its Idempotency-Key
 * claim, the caps), it is let through only when the places free could still take it beside the attempts let through
 * ahead of it; otherwise it waits for them, so in a rush of 1,000 the first few reach the database while the others
 * wait in memory instead of queueing 1,000 claims in front of the first booking (on PGlite every statement waits its
 * turn). Then, inside the booking, `enter` decides again against the attempts actually running.
 */

/** How long the free places read under the lock are believed while no attempt reads them again. */
const believedMs = 1000;
/** The longest an arriving attempt waits for those ahead of it; then it goes on as if there were no gate. */
export const arrivalWaitMs = 1000;

export interface GateOptions {
  now?: () => number;
  /** arrivalWaitMs unless a test on a slow machine needs the wait to be decided by the attempts, not by time. */
  arrivalWaitMs?: number;
}

interface Attempt {
  seats: number;
  /** Its booking is in the database as the last read saw it (placed, and read after it committed). */
  counted: boolean;
  placed: boolean;
  /** It has not reached the lock yet, so it will read the free places again. */
  toRead: boolean;
  /** False once it read that it cannot place (too many participants, a stale ref): it holds no places any more. */
  holds: boolean;
  /** The entry's forget count when it started: a read from before a forget may predate a freed place. */
  epoch: number;
}

interface Entry {
  /** Free places at the last read under the lock, less those booked here since; null when not known. */
  free: number | null;
  readAt: number;
  running: Set<Attempt>;
  waiting: Array<{ seats: number; id: string | undefined; admit: (attempt: Attempt) => void; refuse: () => void }>;
  /** Attempts let through on arrival that have not entered yet, by Idempotency-Key: the places they are after. */
  coming: Map<string, number>;
  arriving: Array<{ seats: number; id: string; decided: (verdict: 'admit' | 'refuse') => void; timer?: ReturnType<typeof setTimeout> }>;
  /** An attempt read nothing countable here ("any staff" found someone): arrivals are no longer held back. */
  uncountable: boolean;
  /** How many times the site's places were forgotten (a cancel may have freed one) since the entry began. */
  epoch: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/** What a booking attempt tells the gate from inside its transaction. */
export interface Pass {
  /**
   * The free places the database shows now, under the lock (null: this attempt learned nothing countable); `places`
   * false when this attempt itself cannot place (its own checks failed), so it holds none of them.
   */
  read(free: number | null, places?: boolean): void;
  /** Its appointment row is written (not yet committed). */
  placed(): void;
  /** The attempt is over; `booked` when its transaction committed. */
  done(booked: boolean): void;
}

export interface ContentionGate {
  /**
   * Before an attempt's own work: taken when the places are held, let through when it could fit beside the attempts
   * ahead of it, waiting (at most arrivalWaitMs) while those ahead may take the last places. `id`: its Idempotency-Key.
   */
  arrive(key: string, seats: number, id: string): Promise<Arrival>;
  /** Lets the attempt on to the database, or throws `refuse()` at once when the places are already spoken for. */
  enter(key: string, seats: number, refuse: () => Error, id?: string): Promise<Pass>;
  /** True when an attempt of `seats` places on this key would be refused at once now. */
  refuses(key: string, seats: number): boolean;
  /** Forgets what is remembered about a site's times (a place may have been freed). */
  forget(keyPrefix: string): void;
}

export function createContentionGate(options: GateOptions = {}): ContentionGate {
  const now = options.now ?? (() => performance.now());
  const waitMs = options.arrivalWaitMs ?? arrivalWaitMs;
  const entries = new Map<string, Entry>();

  const claimed = (entry: Entry) => [...entry.running].reduce((n, a) => (a.counted || !a.holds ? n : n + a.seats), 0);
  const known = (entry: Entry) => entry.free !== null && now() - entry.readAt < believedMs;

  /** 'admit', 'refuse' or 'wait' for an attempt of `seats` places now. */
  function decide(entry: Entry, seats: number): 'admit' | 'refuse' | 'wait' {
    if (known(entry)) return claimed(entry) + seats <= entry.free! ? 'admit' : 'refuse';
    // Not known: one attempt at a time goes to read it; the others wait for what it reads.
    return [...entry.running].some((a) => a.toRead) ? 'wait' : 'admit';
  }

  /** The same for an arriving attempt, which also leaves room for the attempts let through ahead of it. */
  function decideArrival(entry: Entry, seats: number): 'admit' | 'refuse' | 'wait' {
    let coming = 0;
    for (const n of entry.coming.values()) coming += n;
    if (known(entry)) {
      const held = claimed(entry);
      if (held + seats > entry.free!) return 'refuse';
      return held + coming + seats <= entry.free! ? 'admit' : 'wait';
    }
    if (entry.uncountable) return 'admit';
    // Not known: the attempt ahead goes to read it; the others wait for what it reads.
    return coming > 0 || [...entry.running].some((a) => a.toRead) ? 'wait' : 'admit';
  }

  function start(entry: Entry, seats: number): Attempt {
    const attempt: Attempt = { seats, counted: false, placed: false, toRead: true, holds: true, epoch: entry.epoch };
    entry.running.add(attempt);
    return attempt;
  }

  const idle = (entry: Entry) => entry.running.size === 0 && entry.waiting.length === 0 && entry.coming.size === 0 && entry.arriving.length === 0;

  function settle(key: string, entry: Entry) {
    const still: Entry['waiting'] = [];
    for (const w of entry.waiting) {
      const verdict = decide(entry, w.seats);
      if (verdict === 'wait') {
        still.push(w);
        continue;
      }
      if (w.id !== undefined) entry.coming.delete(w.id);
      if (verdict === 'admit') w.admit(start(entry, w.seats));
      else w.refuse();
    }
    entry.waiting = still;
    const stillArriving: Entry['arriving'] = [];
    for (const a of entry.arriving) {
      const verdict = decideArrival(entry, a.seats);
      if (verdict === 'wait') {
        stillArriving.push(a);
        continue;
      }
      if (verdict === 'admit') entry.coming.set(a.id, a.seats);
      clearTimeout(a.timer);
      a.decided(verdict);
    }
    entry.arriving = stillArriving;
    if (idle(entry) && !entry.idleTimer) {
      // Kept a moment after the rush: attempts still on their way through the request meet a known answer.
      entry.idleTimer = setTimeout(() => {
        if (entries.get(key) === entry && idle(entry)) entries.delete(key);
      }, believedMs);
      entry.idleTimer.unref();
    }
  }

  function passFor(key: string, entry: Entry, attempt: Attempt): Pass {
    return {
      read(free, places = true) {
        attempt.toRead = false;
        attempt.holds = places;
        if (free === null) entry.uncountable = true;
        else if (attempt.epoch === entry.epoch) {
          // Under the lock every other attempt that wrote its row has committed (or rolled back): the read counts them.
          for (const a of entry.running) if (a.placed) a.counted = true;
          entry.free = free;
          entry.readAt = now();
        }
        settle(key, entry);
      },
      placed() {
        attempt.placed = true;
      },
      done(booked) {
        entry.running.delete(attempt);
        attempt.toRead = false;
        if (booked && !attempt.counted && entry.free !== null) entry.free = Math.max(0, entry.free - attempt.seats);
        settle(key, entry);
      },
    };
  }

  function entryFor(key: string): Entry {
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        free: null,
        readAt: 0,
        running: new Set(),
        waiting: [],
        coming: new Map(),
        arriving: [],
        uncountable: false,
        epoch: 0,
        idleTimer: null,
      };
      entries.set(key, entry);
    }
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    return entry;
  }

  return {
    async arrive(key, seats, id) {
      const here = entryFor(key);
      // The same key arriving again (a retry while the first is on its way) waits for that one's answer in the
      // Idempotency-Key claim, not here.
      let verdict: 'admit' | 'refuse' | 'wait' | 'late' | 'again' = here.coming.has(id) ? 'again' : decideArrival(here, seats);
      if (verdict === 'admit') here.coming.set(id, seats);
      else if (verdict === 'wait') {
        verdict = await new Promise<'admit' | 'refuse' | 'late'>((decided) => {
          const waiter: Entry['arriving'][number] = { seats, id, decided };
          here.arriving.push(waiter);
          waiter.timer = setTimeout(() => {
            const at = here.arriving.indexOf(waiter);
            if (at >= 0) here.arriving.splice(at, 1);
            decided('late');
          }, waitMs);
          waiter.timer.unref();
        });
      }
      if (verdict === 'refuse') settle(key, here);
      const counted = verdict === 'admit';
      return {
        taken: verdict === 'refuse',
        leave() {
          if (counted) here.coming.delete(id);
          settle(key, here);
        },
      };
    },
    async enter(key, seats, refuse, id) {
      const here = entryFor(key);
      const verdict = decide(here, seats);
      if (verdict === 'wait') {
        // Still counted as coming while it waits here: arrivals behind it keep leaving it its places.
        const attempt = await new Promise<Attempt>((admit, no) => here.waiting.push({ seats, id, admit, refuse: () => no(refuse()) }));
        return passFor(key, here, attempt);
      }
      if (id !== undefined) here.coming.delete(id);
      if (verdict === 'refuse') {
        settle(key, here);
        throw refuse();
      }
      const attempt = start(here, seats);
      // Coming is running now: arrivals waiting on it may have their answer (the places are all held).
      if (id !== undefined) settle(key, here);
      return passFor(key, here, attempt);
    },
    refuses(key, seats) {
      const entry = entries.get(key);
      return entry !== undefined && decide(entry, seats) === 'refuse';
    },
    forget(keyPrefix) {
      for (const [key, entry] of entries) {
        if (!key.startsWith(keyPrefix)) continue;
        entry.free = null;
        entry.epoch++;
        settle(key, entry);
      }
    },
  };
}
