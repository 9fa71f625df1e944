import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { ErrorCode } from '../../contract/errors.ts';
import { ApiFailure } from '../errors.ts';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface Answer extends StoredAnswer {
  /** True when this is the stored answer of an earlier request with the key (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/**
 * A running attempt renews its claim's lease every leaseMs / 4; one whose lease lapsed was cut off (the process
 * died or restarted), and the next retry takes it over at once.
 */
export const leaseMs = 20_000;

/** Keys and their answers are kept at least this long after their first use, then pruned. */
export const keptForMs = 24 * 3_600_000;

/** Failures that say nothing about whether the booking was made: a retry must be able to run again. */
const notFinal = new Set<ErrorCode>([
  'upstream_unavailable',
  'upstream_error',
  'upstream_auth',
  'rate_limited',
  'internal',
  'idempotency_in_progress',
]);

/** False when the failure says the platform booked nothing (a refusal); true when it may have (no answer, a bug). */
export function mayHaveBooked(error: unknown): boolean {
  return !(error instanceof ApiFailure) || notFinal.has(error.code);
}

/** The request was refused before anything was booked: not the key's answer, as with Stripe. */
const refused = new Set<ErrorCode>(['invalid_field', 'invalid_request']);

interface Claim {
  site: string;
  key: string;
  hash: string;
}

/**
 * Runs `work` once per (site, Idempotency-Key). The key is claimed in the database before the work
 * starts, so two instances (or two concurrent requests) cannot both book. The answer is stored, failures with
 * a stable code included, and returned again for a retry with the same body. A refused request (a wrong field)
 * stores nothing. A claim left without an answer by a crash is taken over by the next retry, with `resumed`
 * true, so the booking the cut-off attempt may have made is looked for before anything else.
 */
export async function once(
  db: Database,
  clock: Clock,
  claim: Claim,
  work: (resumed: boolean) => Promise<StoredAnswer>,
  /** How long a duplicate waits for the first request's answer before it is told to retry. */
  waitMs = 5000,
): Promise<Answer> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const now = clock();
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    const inserted = await db.query(
      `INSERT INTO idempotency_keys (site_id, key, request_hash, created_at, lease_until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (site_id, key) DO NOTHING RETURNING key`,
      [claim.site, claim.key, claim.hash, now.toISOString(), lease],
    );
    if (inserted.length > 0) return run(db, clock, claim, work, false);
    const takenOver = await db.query(
      `UPDATE idempotency_keys SET lease_until = $5
       WHERE site_id = $1 AND key = $2 AND request_hash = $3 AND status IS NULL AND (lease_until IS NULL OR lease_until < $4) RETURNING key`,
      [claim.site, claim.key, claim.hash, now.toISOString(), lease],
    );
    if (takenOver.length > 0) return run(db, clock, claim, work, true);
    const earlier = await earlierAnswer(db, clock, claim, giveUpAt);
    if (earlier) return earlier;
    // The first attempt's lease lapsed while we waited (it was cut off): claim the key ourselves.
  }
}

async function run(db: Database, clock: Clock, claim: Claim, work: (resumed: boolean) => Promise<StoredAnswer>, resumed: boolean): Promise<Answer> {
  const renew = setInterval(() => {
    db.query('UPDATE idempotency_keys SET lease_until = $3 WHERE site_id = $1 AND key = $2 AND status IS NULL', [
      claim.site,
      claim.key,
      new Date(clock().getTime() + leaseMs).toISOString(),
    ]).catch(() => undefined);
  }, leaseMs / 4);
  renew.unref();
  let answer: StoredAnswer;
  try {
    answer = await work(resumed);
  } catch (error) {
    const failure = error instanceof ApiFailure ? error : null;
    if (failure && refused.has(failure.code) && !resumed) {
      // Nothing was booked and nothing is stored: the same key may be sent again with a corrected body.
      await db.query('DELETE FROM idempotency_keys WHERE site_id = $1 AND key = $2 AND status IS NULL', [claim.site, claim.key]);
      throw error;
    }
    if (!failure || notFinal.has(failure.code) || refused.has(failure.code)) {
      // No final answer (the platform did not answer, our own bug after it may have booked, or a resumed attempt
      // refused after the booking was not found): leave the claim open with its lease lapsed, so the next retry
      // takes it over and looks for a booking again before anything else.
      await db.query('UPDATE idempotency_keys SET lease_until = $3 WHERE site_id = $1 AND key = $2 AND status IS NULL', [
        claim.site,
        claim.key,
        new Date(0).toISOString(),
      ]);
      throw error;
    }
    answer = { status: failure.status, body: failure.toBody() };
  } finally {
    clearInterval(renew);
  }
  await db.query('UPDATE idempotency_keys SET status = $3, response = $4, lease_until = NULL WHERE site_id = $1 AND key = $2', [
    claim.site,
    claim.key,
    answer.status,
    JSON.stringify(answer.body),
  ]);
  return { ...answer, replayed: false };
}

/**
 * The answer of the first request with this key. While it still runs (a retry after a network failure
 * usually arrives then), wait a little for it rather than make the customer try again. Null when its lease
 * lapsed (the attempt was cut off) or the claim is gone: the caller claims the key.
 */
async function earlierAnswer(db: Database, clock: Clock, claim: Claim, giveUpAt: number): Promise<Answer | null> {
  for (;;) {
    const [row] = await db.query<{ request_hash: string; status: number | null; response: unknown; lease_until: Date | string | null }>(
      'SELECT request_hash, status, response, lease_until FROM idempotency_keys WHERE site_id = $1 AND key = $2',
      [claim.site, claim.key],
    );
    if (!row) return null;
    if (row.request_hash !== claim.hash) {
      throw new ApiFailure('idempotency_conflict', 'This Idempotency-Key was already used for a different booking.');
    }
    if (row.status !== null) {
      const body = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
      return { status: row.status, body, replayed: true };
    }
    if (row.lease_until === null || new Date(row.lease_until).getTime() < clock().getTime()) return null;
    if (Date.now() >= giveUpAt) {
      throw new ApiFailure('idempotency_in_progress', 'A request with this Idempotency-Key is still running.', { retryAfter: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Stores `failure` as the answer of a key never used before, in one statement: a refusal known without doing any
 * work is then stored and replayed like any other. False when the key was used (a retry): run it through once().
 */
export async function refuseNewKey(db: Database, clock: Clock, claim: Claim, failure: ApiFailure): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO idempotency_keys (site_id, key, request_hash, created_at, status, response) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (site_id, key) DO NOTHING RETURNING key`,
    [claim.site, claim.key, claim.hash, clock().toISOString(), failure.status, JSON.stringify(failure.toBody())],
  );
  return rows.length > 0;
}

/** Forgets keys first used more than keptForMs ago whose attempt is not running. Returns how many. */
export async function pruneIdempotencyKeys(db: Database, clock: Clock): Promise<number> {
  const now = clock();
  const rows = await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < $1 AND (status IS NOT NULL OR lease_until IS NULL OR lease_until < $2) RETURNING key`,
    [new Date(now.getTime() - keptForMs).toISOString(), now.toISOString()],
  );
  return rows.length;
}
