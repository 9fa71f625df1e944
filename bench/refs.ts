/**
 * `npx tsx bench/refs.ts` (also run by `npm run bench`): the CPU one times answer spends on its refs, 60 times
 * sealed and opened, with node:crypto (what the server uses) beside jose (what it used), same keys and form.
 * Budget: sealing 60 refs costs at most 3 ms of CPU (median of 50 rounds).
 */
import { EncryptJWT } from 'jose';
import { deriveKeys } from '../src/server/tokens/keys.ts';
import { openRef, refTtlSeconds, sealRef, type TimeRef } from '../src/server/tokens/ref.ts';

const budgetMs = 3;
const rounds = 50;
const perAnswer = 60;
const key = deriveKeys('bench secret, long enough for the backend to accept').ref;
const now = new Date();
const time = (i: number): TimeRef => ({
  site: 'demo-clinic',
  service: 'svc-1',
  staff: null,
  branch: null,
  start: new Date(now.getTime() + i * 900_000).toISOString(),
  end: new Date(now.getTime() + (i + 1) * 900_000).toISOString(),
  hold: { staffId: 'st-2' },
});

async function median(run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < rounds + 5; r++) {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    if (r >= 5) samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const iat = Math.floor(now.getTime() / 1000);
const joseSeal = () =>
  Promise.all(
    Array.from({ length: perAnswer }, (_, i) =>
      new EncryptJWT({ t: time(i) })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'bookwell-ref+jwt' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + refTtlSeconds)
        .encrypt(key),
    ),
  );
const sealed = Array.from({ length: perAnswer }, (_, i) => sealRef(key, time(i), now));

const seal = await median(() => Array.from({ length: perAnswer }, (_, i) => sealRef(key, time(i), now)));
const open = await median(() => sealed.map((r) => openRef(key, r, now)));
const jose = await median(joseSeal);
const ok = seal <= budgetMs;
console.log(`\nrefs, CPU ms per ${perAnswer} (median of ${rounds})   node:crypto   jose   budget`);
console.log(
  `seal ${perAnswer} refs${' '.repeat(27)} ${seal.toFixed(2).padStart(8)} ${jose.toFixed(2).padStart(7)}   <= ${budgetMs} ms  ${ok ? 'ok' : 'FAIL'}`,
);
console.log(`open ${perAnswer} refs${' '.repeat(27)} ${open.toFixed(2).padStart(8)}`);
process.exit(ok ? 0 : 1);
