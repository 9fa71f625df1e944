import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { ApiFailure } from '../../src/server/errors.ts';
import { deriveKeys } from '../../src/server/tokens/keys.ts';
import { openRef, refTtlSeconds, sealRef, type TimeRef } from '../../src/server/tokens/ref.ts';

const keys = deriveKeys('a test secret that is long enough for the backend');
const other = deriveKeys('another secret, of another deployment, long enough');
const now = new Date('2026-12-01T10:00:00Z');
const time: TimeRef = {
  site: 'demo-clinic',
  service: 'svc-1',
  staff: null,
  branch: null,
  start: '2026-12-03T09:00:00+02:00',
  end: '2026-12-03T09:30:00+02:00',
  hold: { staffId: 'st-2', slotId: 17 },
};

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ApiFailure);
    assert.equal(error.code, 'invalid_field');
    assert.equal(error.field, 'ref');
    return error.message;
  }
  assert.fail('the ref was accepted');
}

/** Flips one character of one of the five dot-separated parts. */
function tamper(token: string, part: number): string {
  const parts = token.split('.');
  const p = parts[part]!;
  parts[part] = p.slice(0, 2) + (p[2] === 'A' ? 'B' : 'A') + p.slice(3);
  return parts.join('.');
}

describe('time refs (compact JWE, dir + A256GCM, node:crypto)', () => {
  it('opens what it sealed, and the browser cannot read the hold', () => {
    const ref = sealRef(keys.ref, time, now);
    assert.deepEqual(openRef(keys.ref, ref, now), time);
    assert.equal(ref.split('.').length, 5);
    assert.ok(!Buffer.from(ref.split('.')[3]!, 'base64url').toString('latin1').includes('st-2'), 'the hold is encrypted');
  });

  it('is the same form jose reads and writes', async () => {
    const ref = sealRef(keys.ref, time, now);
    const { payload, protectedHeader } = await jwtDecrypt(ref, keys.ref, { currentDate: now });
    assert.deepEqual(payload['t'], time);
    assert.equal(protectedHeader.typ, 'bookwell-ref+jwt');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), refTtlSeconds);
    const iat = Math.floor(now.getTime() / 1000);
    const byJose = await new EncryptJWT({ t: time })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'bookwell-ref+jwt' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + refTtlSeconds)
      .encrypt(keys.ref);
    assert.deepEqual(openRef(keys.ref, byJose, now), time);
  });

  it('refuses a changed header, iv, ciphertext or tag, another key, and junk', () => {
    const ref = sealRef(keys.ref, time, now);
    for (const part of [0, 2, 3, 4]) refusal(() => openRef(keys.ref, tamper(ref, part), now));
    assert.match(
      refusal(() => openRef(other.ref, ref, now)),
      /not valid/,
    );
    assert.match(
      refusal(() => openRef(keys.session, ref, now)),
      /not valid/,
      'the session key is not the ref key',
    );
    for (const junk of ['', 'a.b.c.d.e', '....', ref + '.x', ref.replace('..', '.x.')]) refusal(() => openRef(keys.ref, junk, now));
  });

  it('refuses a token of another type under the same key', async () => {
    const iat = Math.floor(now.getTime() / 1000);
    const manageLike = await new EncryptJWT({ t: time })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'bookwell-manage+jwt' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .encrypt(keys.ref);
    refusal(() => openRef(keys.ref, manageLike, now));
  });

  it('expires after 30 minutes, and says so', () => {
    const ref = sealRef(keys.ref, time, now);
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    assert.deepEqual(openRef(keys.ref, ref, later(refTtlSeconds - 1)), time);
    assert.match(
      refusal(() => openRef(keys.ref, ref, later(refTtlSeconds))),
      /too long ago/,
    );
  });
});
