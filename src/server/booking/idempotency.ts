import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { ApiFailure } from '../errors.ts';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/**
 * Runs `work` once per (site, Idempotency-Key). The key is claimed in the database before the work
 * starts, so two instances (or two concurrent requests) cannot both book. The answer is stored,
 * failures with a stable code included, and returned again for a retry with the same body.
 */
export async function once(
  db: Database,
  clock: Clock,
  claim: { site: string; key: string; hash: string },
  work: () => Promise<StoredAnswer>,
  /** How long a duplicate waits for the first request's answer before it is told to retry. */
  waitMs = 5000,
): Promise<StoredAnswer> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (site_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site_id, key) DO NOTHING RETURNING key`,
    [claim.site, claim.key, claim.hash, clock().toISOString()],
  );
  if (inserted.length === 0) return earlier(db, claim, waitMs);
  let answer: StoredAnswer;
  try {
    answer = await work();
  } catch (error) {
    if (!(error instanceof ApiFailure)) {
      // Our own bug, not the platform's answer: free the key so a retry can try again.
      await db.query('DELETE FROM idempotency_keys WHERE site_id = $1 AND key = $2', [claim.site, claim.key]);
      throw error;
    }
    answer = { status: error.status, body: error.toBody() };
  }
  await db.query('UPDATE idempotency_keys SET status = $3, response = $4 WHERE site_id = $1 AND key = $2', [
    claim.site,
    claim.key,
    answer.status,
    JSON.stringify(answer.body),
  ]);
  return answer;
}

/**
 * The answer of the first request with this key. While it still runs (a retry after a network failure
 * usually arrives then), wait a little for it rather than make the customer try again.
 */
async function earlier(db: Database, claim: { site: string; key: string; hash: string }, waitMs: number): Promise<StoredAnswer> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const [row] = await db.query<{ request_hash: string; status: number | null; response: unknown }>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE site_id = $1 AND key = $2',
      [claim.site, claim.key],
    );
    if (row && row.request_hash !== claim.hash) {
      throw new ApiFailure('idempotency_conflict', 'This Idempotency-Key was already used for a different booking.');
    }
    if (row && row.status !== null) {
      const body = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
      return { status: row.status, body };
    }
    if (Date.now() >= giveUpAt) {
      throw new ApiFailure('idempotency_in_progress', 'A request with this Idempotency-Key is still running.', { retryAfter: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
