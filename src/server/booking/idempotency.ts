import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { ErrorCode } from '../../contract/errors.ts';
import { ApiFailure } from '../errors.ts';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/**
 * A claim older than this with no answer was cut off (the process died mid-booking): longer than a booking's
 * platform calls may take together (at most seven, each capped at 30 s by the sites config), so a live first
 * attempt is never taken over.
 */
export const abandonedAfterMs = 300_000;

/** Failures that say nothing about whether the booking was made: a retry must be able to run again. */
const notFinal = new Set<ErrorCode>(['upstream_unavailable', 'upstream_error', 'upstream_auth', 'rate_limited', 'internal', 'idempotency_in_progress']);

function isFinal(failure: ApiFailure): boolean {
  return !notFinal.has(failure.code);
}

/**
 * Runs `work` once per (site, Idempotency-Key). The key is claimed in the database before the work
 * starts, so two instances (or two concurrent requests) cannot both book. The answer is stored,
 * failures with a stable code included, and returned again for a retry with the same body.
 * A claim left without an answer by a crash is taken over by the next retry, with `resumed` true, so the
 * provider looks for the booking the cut-off attempt may have made before it books.
 */
export async function once(
  db: Database,
  clock: Clock,
  claim: { site: string; key: string; hash: string },
  work: (resumed: boolean) => Promise<StoredAnswer>,
  /** How long a duplicate waits for the first request's answer before it is told to retry. */
  waitMs = 5000,
): Promise<StoredAnswer> {
  const now = clock();
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (site_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site_id, key) DO NOTHING RETURNING key`,
    [claim.site, claim.key, claim.hash, now.toISOString()],
  );
  let resumed = false;
  if (inserted.length === 0) {
    const takenOver = await db.query(
      `UPDATE idempotency_keys SET created_at = $4
       WHERE site_id = $1 AND key = $2 AND request_hash = $3 AND status IS NULL AND created_at < $5 RETURNING key`,
      [claim.site, claim.key, claim.hash, now.toISOString(), new Date(now.getTime() - abandonedAfterMs).toISOString()],
    );
    if (takenOver.length === 0) return earlier(db, claim, waitMs);
    resumed = true;
  }
  let answer: StoredAnswer;
  try {
    answer = await work(resumed);
  } catch (error) {
    if (!(error instanceof ApiFailure) || !isFinal(error)) {
      // No final answer (the platform did not answer, or our own bug after it may have booked): leave the claim
      // open but abandoned, so the next retry takes it over and looks for a booking before it books.
      await db.query('UPDATE idempotency_keys SET created_at = $3 WHERE site_id = $1 AND key = $2 AND status IS NULL', [
        claim.site,
        claim.key,
        new Date(0).toISOString(),
      ]);
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
