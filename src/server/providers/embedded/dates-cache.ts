/**
 * A very short memory of bookableDates answers, so a month view asked a thousand times a second is
 * computed about once a second per query. Keys carry "now" to the second, so a moved clock never
 * reads an old answer; any change made through this engine clears the site's answers at once.
 * Other backend instances sharing a PostgreSQL database see a change at most a second late.
 */
export class DatesCache {
  private readonly entries = new Map<string, { at: number; value: Promise<string[]> }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 2000,
  ) {}

  get(siteId: string, query: object, now: number, compute: () => Promise<string[]>): Promise<string[]> {
    const key = `${siteId}\u0000${Math.floor(now / 1000)}\u0000${JSON.stringify(query)}`;
    const hit = this.entries.get(key);
    const fresh = performance.now();
    if (hit && fresh - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    // Concurrent identical asks share one computation; a failure is not remembered.
    const value = compute();
    this.entries.set(key, { at: fresh, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(siteId?: string): void {
    if (siteId === undefined) {
      this.entries.clear();
      return;
    }
    for (const key of this.entries.keys()) if (key.startsWith(`${siteId}\u0000`)) this.entries.delete(key);
  }
}
