import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/database.ts';

export type Decision = 'approve' | 'decline';

/** How long a business has to answer from its mail, at most (never past the appointment's start). */
export const decisionLifetimeMs = 7 * 86_400_000;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** 32 random bytes: not guessable, and a leaked table does not hold a working link. */
export async function issueDecisionLinks(
  db: Queryable,
  clock: Clock,
  link: { site: string; bookingId: string; start: string },
): Promise<Record<Decision, string>> {
  const now = clock().getTime();
  const expires = new Date(Math.min(now + decisionLifetimeMs, Date.parse(link.start)));
  const tokens = { approve: randomBytes(32).toString('base64url'), decline: randomBytes(32).toString('base64url') };
  for (const action of ['approve', 'decline'] as const) {
    await db.query('INSERT INTO decision_links (token_hash, site_id, booking_id, action, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      hash(tokens[action]),
      link.site,
      link.bookingId,
      action,
      expires.toISOString(),
    ]);
  }
  return tokens;
}

export interface DecisionLink {
  site: string;
  bookingId: string;
  action: Decision;
}

/** Why a link does not work: unknown (altered or never ours), already used (for this booking), expired. */
export type DecisionRefusal = 'invalid' | 'used' | 'expired';

interface LinkRow {
  site_id: string;
  booking_id: string;
  action: Decision;
  expires_at: Date | string;
  used_at: Date | string | null;
}

function check(row: LinkRow | undefined, now: Date, spent: boolean): DecisionLink | DecisionRefusal {
  if (!row) return 'invalid';
  if (row.used_at || spent) return 'used';
  if (now.getTime() >= new Date(row.expires_at).getTime()) return 'expired';
  return { site: row.site_id, bookingId: row.booking_id, action: row.action };
}

const shape = /^[A-Za-z0-9_-]{43}$/;

/** What a link would do, without using it (the confirm page a mail scanner may open harmlessly). */
export async function readDecisionLink(db: Queryable, clock: Clock, token: string): Promise<DecisionLink | DecisionRefusal> {
  if (!shape.test(token)) return 'invalid';
  const [row] = await db.query<LinkRow>('SELECT site_id, booking_id, action, expires_at, used_at FROM decision_links WHERE token_hash = $1', [
    hash(token),
  ]);
  const spent = row
    ? (await db.query('SELECT 1 FROM decision_links WHERE booking_id = $1 AND used_at IS NOT NULL', [row.booking_id])).length > 0
    : false;
  return check(row, clock(), spent);
}

/**
 * Spends a link: in one transaction, with the booking's links locked, so two taps (or Approve then Decline)
 * cannot both act. `act` runs after (the platform is not called inside our transaction); when it throws, the
 * links work again.
 */
export async function useDecisionLink<T>(
  db: Database,
  clock: Clock,
  token: string,
  act: (link: DecisionLink) => Promise<T>,
): Promise<T | DecisionRefusal> {
  if (!shape.test(token)) return 'invalid';
  const spent = await db.transaction(async (tx): Promise<DecisionLink | DecisionRefusal> => {
    const [row] = await tx.query<LinkRow>('SELECT site_id, booking_id, action, expires_at, used_at FROM decision_links WHERE token_hash = $1', [
      hash(token),
    ]);
    if (!row) return 'invalid';
    const links = await tx.query<{ used_at: unknown }>('SELECT used_at FROM decision_links WHERE booking_id = $1 FOR UPDATE', [row.booking_id]);
    const result = check(
      row,
      clock(),
      links.some((l) => l.used_at),
    );
    if (typeof result !== 'string')
      await tx.query('UPDATE decision_links SET used_at = $2 WHERE booking_id = $1', [row.booking_id, clock().toISOString()]);
    return result;
  });
  if (typeof spent === 'string') return spent;
  try {
    return await act(spent);
  } catch (error) {
    await db.query('UPDATE decision_links SET used_at = NULL WHERE booking_id = $1', [spent.bookingId]);
    throw error;
  }
}
