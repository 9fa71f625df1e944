import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';

export type Channel = 'email' | 'sms';
export type Audience = 'customer' | 'business';

/** One message on one channel, due at a moment (migration 202_message_jobs.sql). */
export interface MessageJob {
  id: number;
  site: string;
  bookingId: string;
  kind: string;
  channel: Channel;
  audience: Audience;
  dueAt: Date;
  attempts: number;
}

export interface NewJob {
  site: string;
  bookingId: string;
  kind: string;
  channel: Channel;
  audience: Audience;
  dueAt: Date;
}

/** What became of one claimed job. `later` re-times it without counting an attempt (a moved appointment). */
export type JobOutcome = { outcome: 'sent' } | { outcome: 'dropped' } | { outcome: 'later'; at: Date };

/** After this many failed attempts a job ends as failed. */
export const maxAttempts = 5;
/** A claimed job whose sender died is taken over after this long. */
export const leaseMs = 120_000;

/** 30 s, 2 min, 8 min, 32 min: long enough for a mail server or gateway to come back. */
export function backoffMs(attempts: number): number {
  return 30_000 * 4 ** Math.max(0, attempts - 1);
}

/** Adds jobs, in one statement; one already there for the same booking, kind, channel and audience is kept as it is. */
export async function enqueue(db: Queryable, clock: Clock, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = clock().toISOString();
  await insertRows(
    db,
    'message_jobs',
    ['site_id', 'booking_id', 'kind', 'channel', 'audience', 'dedupe', 'due_at', 'status', 'created_at'],
    jobs.map((job) => [
      job.site,
      job.bookingId,
      job.kind,
      job.channel,
      job.audience,
      `${job.bookingId}:${job.kind}:${job.audience}:${job.channel}`,
      job.dueAt.toISOString(),
      'pending',
      now,
    ]),
    'ON CONFLICT (dedupe) DO NOTHING',
  );
}

/** Drops a booking's pending jobs of these kinds (a cancelled booking's reminder). */
export async function dropPending(db: Queryable, bookingId: string, kinds: string[]): Promise<void> {
  await db.query(`UPDATE message_jobs SET status = 'dropped', done_at = now() WHERE booking_id = $1 AND status = 'pending' AND kind = ANY($2)`, [
    bookingId,
    kinds,
  ]);
}

/** Makes a booking's pending jobs of these kinds due now, so the runner looks at the booking again (it may have moved). */
export async function recheck(db: Queryable, clock: Clock, bookingId: string, kinds: string[]): Promise<void> {
  await db.query(`UPDATE message_jobs SET due_at = $3 WHERE booking_id = $1 AND status = 'pending' AND kind = ANY($2)`, [
    bookingId,
    kinds,
    clock().toISOString(),
  ]);
}

interface JobRow {
  id: number;
  site_id: string;
  booking_id: string;
  kind: string;
  channel: Channel;
  audience: Audience;
  due_at: Date | string;
  attempts: number;
}

/**
 * Claims up to `limit` due jobs: rows another instance holds are skipped (SKIP LOCKED), and a claim is a lease
 * written in the same statement, so after commit no other instance takes the job until the lease runs out.
 */
export async function claimDue(db: Database, clock: Clock, limit = 20): Promise<MessageJob[]> {
  const now = clock();
  const rows = await db.transaction((tx) =>
    tx.query<JobRow>(
      `UPDATE message_jobs SET status = 'sending', lease_until = $2
        WHERE id IN (SELECT id FROM message_jobs
                      WHERE (status = 'pending' AND due_at <= $1) OR (status = 'sending' AND lease_until <= $1)
                      ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, site_id, booking_id, kind, channel, audience, due_at, attempts`,
      [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
    ),
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      site: r.site_id,
      bookingId: r.booking_id,
      kind: r.kind,
      channel: r.channel,
      audience: r.audience,
      dueAt: new Date(r.due_at),
      attempts: r.attempts,
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

export async function finish(db: Queryable, clock: Clock, job: MessageJob, result: JobOutcome): Promise<void> {
  if (result.outcome === 'later') {
    await db.query(`UPDATE message_jobs SET status = 'pending', due_at = $2, lease_until = NULL WHERE id = $1`, [job.id, result.at.toISOString()]);
    return;
  }
  await db.query(`UPDATE message_jobs SET status = $2, lease_until = NULL, done_at = $3 WHERE id = $1`, [
    job.id,
    result.outcome,
    clock().toISOString(),
  ]);
}

/** Counts a failed attempt: back to pending after the backoff, or failed for good. True when it failed for good. */
export async function failAttempt(db: Queryable, clock: Clock, job: MessageJob, code: string, permanent = false): Promise<boolean> {
  const attempts = job.attempts + 1;
  const final = permanent || attempts >= maxAttempts;
  const now = clock().getTime();
  await db.query(
    `UPDATE message_jobs SET attempts = $2, last_error = $3, lease_until = NULL,
       status = $4, due_at = CASE WHEN $4 = 'pending' THEN $5::timestamptz ELSE due_at END, done_at = $6
     WHERE id = $1`,
    [
      job.id,
      attempts,
      code.slice(0, 80),
      final ? 'failed' : 'pending',
      new Date(now + backoffMs(attempts)).toISOString(),
      final ? new Date(now).toISOString() : null,
    ],
  );
  return final;
}

/** Status of a booking's jobs, for tests and support. */
export async function jobsOf(
  db: Queryable,
  bookingId: string,
): Promise<{ kind: string; channel: Channel; audience: Audience; status: string; dueAt: string; attempts: number }[]> {
  const rows = await db.query<{ kind: string; channel: Channel; audience: Audience; status: string; due_at: Date | string; attempts: number }>(
    'SELECT kind, channel, audience, status, due_at, attempts FROM message_jobs WHERE booking_id = $1 ORDER BY id',
    [bookingId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    channel: r.channel,
    audience: r.audience,
    status: r.status,
    dueAt: new Date(r.due_at).toISOString(),
    attempts: r.attempts,
  }));
}
