import { ApiFailure } from '../errors.ts';
import type { BookInput } from '../providers/provider.ts';
import { openCompact, sealCompact } from './compact-jwe.ts';

const refType = 'bookwell-ref+jwt';
/** How long a time shown to a customer may be booked by its ref. */
export const refTtlSeconds = 30 * 60;

/** Everything a booking needs to name one time. Encrypted: the browser can neither read nor change the hold. */
export interface TimeRef extends Pick<BookInput, 'service' | 'staff' | 'branch' | 'start' | 'end' | 'hold'> {
  site: string;
}

/** Synchronous: one answer seals a ref per time, so this sits on the hot path of every times request. */
export function sealRef(key: Uint8Array, ref: TimeRef, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  return sealCompact(key, refType, { t: ref, iat, exp: iat + refTtlSeconds });
}

/**
 * Opens a ref; a changed, foreign or stale one is an invalid `ref` field. `now` null opens it at any age: only to
 * look for the booking a cut-off attempt made with it, never to book.
 */
export function openRef(key: Uint8Array, ref: string, now: Date | null): TimeRef {
  const opened = openCompact(key, refType, ref, now ? Math.floor(now.getTime() / 1000) : -Infinity);
  if (!opened.ok && opened.reason === 'expired') {
    throw new ApiFailure('invalid_field', 'This time was shown too long ago; choose it again.', { field: 'ref' });
  }
  const t = opened.ok ? (opened.claims['t'] as TimeRef | undefined) : undefined;
  if (!t || typeof t !== 'object' || typeof t.site !== 'string' || typeof t.start !== 'string') {
    throw new ApiFailure('invalid_field', 'This time reference is not valid; choose the time again.', { field: 'ref' });
  }
  return t;
}
