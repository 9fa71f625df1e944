import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { ApiFailure } from '../errors.ts';
import type { BookInput } from '../providers/provider.ts';

const refType = 'bookwell-ref+jwt';
/** How long a time shown to a customer may be booked by its ref. */
export const refTtlSeconds = 30 * 60;

/** Everything a booking needs to name one time. Encrypted: the browser can neither read nor change the hold. */
export interface TimeRef extends Pick<BookInput, 'service' | 'staff' | 'branch' | 'start' | 'end' | 'hold'> {
  site: string;
}

export async function sealRef(key: Uint8Array, ref: TimeRef, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT({ t: ref })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: refType })
    .setIssuedAt(iat)
    .setExpirationTime(iat + refTtlSeconds)
    .encrypt(key);
}

/**
 * Opens a ref; a changed, foreign or stale one is an invalid `ref` field. `now` null opens it at any age: only to
 * look for the booking a cut-off attempt made with it, never to book.
 */
export async function openRef(key: Uint8Array, ref: string, now: Date | null): Promise<TimeRef> {
  try {
    const { payload } = await jwtDecrypt(ref, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      typ: refType,
      ...(now ? { currentDate: now } : { clockTolerance: Number.MAX_SAFE_INTEGER }),
    });
    const t = payload['t'] as TimeRef | undefined;
    if (!t || typeof t.site !== 'string' || typeof t.start !== 'string') throw new Error('no time in ref');
    return t;
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new ApiFailure('invalid_field', 'This time was shown too long ago; choose it again.', { field: 'ref' });
    }
    throw new ApiFailure('invalid_field', 'This time reference is not valid; choose the time again.', { field: 'ref' });
  }
}
