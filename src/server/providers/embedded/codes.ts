import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

/** How long a code (and the place its booking holds) lasts: tmp_expire_date. */
export const codeLifetimeMinutes = 15;
export const maxWrongTries = 5;
export const resendIntervalSeconds = 60;
export const maxSends = 5;

function hashCode(code: string, salt: string): string {
  return createHmac('sha256', salt).update(code).digest('hex');
}

/** Six random digits. */
export const randomCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * A fresh code for the booking from `newCode`; only its salted hash is stored. Returns the code to send.
 * A code sent again is never the one it `replaces`, so the old code always stops working.
 */
export async function issueCode(tx: Queryable, appointmentId: string, now: number, newCode: () => string, replaces?: CodeRow): Promise<string> {
  let code = newCode();
  while (replaces && codeMatches(replaces, code)) code = newCode();
  const salt = randomBytes(16).toString('hex');
  const expires = new Date(now + codeLifetimeMinutes * 60_000);
  await tx.query(
    `INSERT INTO confirmation_codes (appointment_id, code_hash, salt, expires_at, tries, locked, last_sent_at, send_count)
     VALUES ($1, $2, $3, $4, 0, false, $5, 1)
     ON CONFLICT (appointment_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, salt = EXCLUDED.salt, expires_at = EXCLUDED.expires_at,
       tries = 0, locked = false, last_sent_at = EXCLUDED.last_sent_at, send_count = confirmation_codes.send_count + 1`,
    [appointmentId, hashCode(code, salt), salt, expires, new Date(now)],
  );
  return code;
}

export interface CodeRow {
  code_hash: string;
  salt: string;
  expires_at: Date;
  tries: number;
  locked: boolean;
  last_sent_at: Date;
  send_count: number;
}

export async function lockedCode(tx: Queryable, appointmentId: string): Promise<CodeRow | undefined> {
  const [row] = await tx.query<CodeRow>('SELECT * FROM confirmation_codes WHERE appointment_id = $1 FOR UPDATE', [appointmentId]);
  return row;
}

export function codeMatches(row: CodeRow, code: string): boolean {
  const given = Buffer.from(hashCode(code, row.salt), 'hex');
  const stored = Buffer.from(row.code_hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Counts one wrong try; true when that try locked the code. */
export async function countWrongTry(tx: Queryable, appointmentId: string): Promise<boolean> {
  const [row] = await tx.query<{ locked: boolean }>(
    `UPDATE confirmation_codes SET tries = tries + 1, locked = (tries + 1 >= $2)
      WHERE appointment_id = $1 RETURNING locked`,
    [appointmentId, maxWrongTries],
  );
  return row?.locked === true;
}

/** Seconds until "send again" may be used, 0 when it may be used now. */
export function resendWait(row: CodeRow, now: number, bookingExpiresAt: number): number {
  if (row.send_count >= maxSends) return Math.max(1, Math.ceil((bookingExpiresAt - now) / 1000));
  const next = new Date(row.last_sent_at).getTime() + resendIntervalSeconds * 1000;
  return Math.max(0, Math.ceil((next - now) / 1000));
}
