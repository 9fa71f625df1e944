import { EncryptJWT, jwtDecrypt } from 'jose';
import { ApiFailure } from '../errors.ts';
import type { PlatformKey } from '../providers/provider.ts';

const manageType = 'bookwell-manage+jwt';

/** What a manage link stands for. Encrypted: the platform's ids, vfib and conf never reach the browser in clear. */
export interface ManageClaims {
  site: string;
  key: PlatformKey;
  bookingId: string;
  /** The appointment's end: the link works until then. */
  end: string;
}

export async function sealManageToken(key: Uint8Array, claims: ManageClaims): Promise<string> {
  return new EncryptJWT({ m: claims }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: manageType }).encrypt(key);
}

/** Opens a manage token; tampered -> manage_token_invalid, after the appointment -> manage_link_expired. */
export async function openManageToken(key: Uint8Array, token: string, now: Date): Promise<ManageClaims> {
  let claims: ManageClaims | undefined;
  try {
    const { payload } = await jwtDecrypt(token, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      typ: manageType,
    });
    claims = payload['m'] as ManageClaims | undefined;
  } catch {
    claims = undefined;
  }
  if (!claims || typeof claims.site !== 'string' || typeof claims.end !== 'string' || typeof claims.key !== 'object' || !claims.key) {
    throw new ApiFailure('manage_token_invalid', 'This manage link is not valid.');
  }
  if (now.getTime() >= Date.parse(claims.end)) {
    throw new ApiFailure('manage_link_expired', 'This appointment is over; its manage link no longer works.');
  }
  return claims;
}
