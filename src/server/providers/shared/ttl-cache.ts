/**
 * Promised answers kept for a while. Every cache of the backend is one of these: concurrent identical asks
 * share one load, a failure is never kept (the next ask loads again), and `clear` forgets at once, even
 * answers still in flight (they land in a table nobody reads any more).
 */
export interface TtlCacheOptions {
  /** How long an answer is served, ms; Infinity keeps it until cleared. */
  ttlMs: number;
  /** The clock the ttl is counted on, ms. */
  now: () => number;
  /** Past this many entries the cache starts again empty, so odd keys cannot fill memory. */
  maxEntries?: number | undefined;
}

interface Entry {
  at: number;
  value: Promise<unknown>;
}

export class TtlCache {
  readonly #options: TtlCacheOptions;
  #entries = new Map<string, Entry>();

  constructor(options: TtlCacheOptions) {
    this.#options = options;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#options.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.#options.ttlMs) return hit.value as Promise<T>;
    const table = this.#entries;
    if (this.#options.maxEntries !== undefined && table.size >= this.#options.maxEntries) table.clear();
    const value = load();
    const entry = { at: now, value };
    table.set(key, entry);
    value.catch(() => {
      if (table.get(key) === entry) table.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets every answer, or those whose key starts with `prefix`. */
  clear(prefix?: string): void {
    if (prefix === undefined) {
      this.#entries = new Map();
      return;
    }
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}
