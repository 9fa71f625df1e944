/**
 * Fast answers when many customers book one time at once. Without this, every attempt waits its turn for the slot's
 * (or staff member's) row lock, and on PGlite for the whole database, only to learn the time is gone: with 1,000
 * attempts the last one waited 15 s. Here each time being booked has an entry in this process that remembers how
 * many places the database last said were free (read under the lock) and which attempts are on their way; an
 * attempt that cannot fit is refused at once, without touching the database. The database stays the judge: an
 * attempt let through is checked again under the lock, so a stale entry can only let an attempt through that the
 * database then refuses (another instance booked), never overfill. Entries live only while bookings run, plus a
 * second after the last answer, and any cancel or change made here forgets what they remember.
 */

/** How long the free places read under the lock are believed while no attempt reads them again. */
const believedMs = 1000;

interface Attempt {
  seats: number;
  /** Its booking is in the database as the last read saw it (placed, and read after it committed). */
  counted: boolean;
  placed: boolean;
  /** It has not reached the lock yet, so it will read the free places again. */
  toRead: boolean;
}

interface Entry {
  /** Free places at the last read under the lock, less those booked here since; null when not known. */
  free: number | null;
  readAt: number;
  running: Set<Attempt>;
  waiting: Array<{ seats: number; admit: (attempt: Attempt) => void; refuse: () => void }>;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/** What a booking attempt tells the gate from inside its transaction. */
export interface Pass {
  /** The free places the database shows now, under the lock (null: this attempt learned nothing countable). */
  read(free: number | null): void;
  /** Its appointment row is written (not yet committed). */
  placed(): void;
  /** The attempt is over; `booked` when its transaction committed. */
  done(booked: boolean): void;
}

export interface ContentionGate {
  /** Lets the attempt on to the database, or throws `refuse()` at once when the places are already spoken for. */
  enter(key: string, seats: number, refuse: () => Error): Promise<Pass>;
  /** True when an attempt of `seats` places on this key would be refused at once now. */
  refuses(key: string, seats: number): boolean;
  /** Forgets what is remembered about a site's times (a place may have been freed). */
  forget(keyPrefix: string): void;
}

export function createContentionGate(now: () => number = () => performance.now()): ContentionGate {
  const entries = new Map<string, Entry>();

  const claimed = (entry: Entry) => [...entry.running].reduce((n, a) => (a.counted ? n : n + a.seats), 0);
  const known = (entry: Entry) => entry.free !== null && now() - entry.readAt < believedMs;

  /** 'admit', 'refuse' or 'wait' for an attempt of `seats` places now. */
  function decide(entry: Entry, seats: number): 'admit' | 'refuse' | 'wait' {
    if (known(entry)) return claimed(entry) + seats <= entry.free! ? 'admit' : 'refuse';
    // Not known: one attempt at a time goes to read it; the others wait for what it reads.
    return [...entry.running].some((a) => a.toRead) ? 'wait' : 'admit';
  }

  function start(entry: Entry, seats: number): Attempt {
    const attempt: Attempt = { seats, counted: false, placed: false, toRead: true };
    entry.running.add(attempt);
    return attempt;
  }

  function settle(key: string, entry: Entry) {
    const still: Entry['waiting'] = [];
    for (const w of entry.waiting) {
      const verdict = decide(entry, w.seats);
      if (verdict === 'admit') w.admit(start(entry, w.seats));
      else if (verdict === 'refuse') w.refuse();
      else still.push(w);
    }
    entry.waiting = still;
    if (entry.running.size === 0 && entry.waiting.length === 0 && !entry.idleTimer) {
      // Kept a moment after the rush: attempts still on their way through the request meet a known answer.
      entry.idleTimer = setTimeout(() => {
        if (entries.get(key) === entry && entry.running.size === 0 && entry.waiting.length === 0) entries.delete(key);
      }, believedMs);
      entry.idleTimer.unref();
    }
  }

  function passFor(key: string, entry: Entry, attempt: Attempt): Pass {
    return {
      read(free) {
        attempt.toRead = false;
        if (free !== null) {
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

  return {
    async enter(key, seats, refuse) {
      let entry = entries.get(key);
      if (!entry) {
        entry = { free: null, readAt: 0, running: new Set(), waiting: [], idleTimer: null };
        entries.set(key, entry);
      }
      if (entry.idleTimer) {
        clearTimeout(entry.idleTimer);
        entry.idleTimer = null;
      }
      const here = entry;
      const verdict = decide(here, seats);
      if (verdict === 'refuse') {
        settle(key, here);
        throw refuse();
      }
      const attempt =
        verdict === 'admit'
          ? start(here, seats)
          : await new Promise<Attempt>((admit, no) => here.waiting.push({ seats, admit, refuse: () => no(refuse()) }));
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
        settle(key, entry);
      }
    },
  };
}
