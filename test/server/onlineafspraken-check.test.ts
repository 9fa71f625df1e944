import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { siteConfig, type SiteConfig } from '../../src/server/config/sites.ts';
import { checkOnlineAfspraken } from '../../src/server/providers/onlineafspraken/check.ts';
import { startOnlineAfsprakenFake, type OnlineAfsprakenFake } from '../fakes/onlineafspraken/server.ts';
import { fakeSites } from '../fakes/onlineafspraken/sites.ts';

let fake: OnlineAfsprakenFake;
let sites: ReturnType<typeof fakeSites>;
before(async () => {
  fake = await startOnlineAfsprakenFake();
  sites = fakeSites(fake);
});
after(() => fake.close());

const change = (site: SiteConfig, provider: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  siteConfig.parse({ ...site, ...rest, provider: { ...site.provider, ...provider } });
const problems = (lines: Array<{ ok: boolean; text: string }>) => lines.filter((l) => !l.ok).map((l) => l.text);

describe('the OnlineAfspraken setup check', () => {
  test('a well set-up site: all ok, and it says which hash the account accepts', async () => {
    const lines = await checkOnlineAfspraken(sites.salon, { env: sites.env });
    assert.deepEqual(problems(lines), []);
    assert.match(lines[0]!.text, /accepts SHA1 signatures/);
    assert.ok(lines.some((l) => /confirmation code/.test(l.text)));
    assert.ok(lines.some((l) => /Customers can book: Knippen, Kleuren, Workshop haarverzorging/.test(l.text)));
    assert.ok(
      fake.calls.every((c) => !['setAppointment', 'setCustomer', 'cancelAppointment'].includes(c.method)),
      'only reads',
    );
  });

  test('the other hash configured: it finds the one that works and says what to set', async () => {
    const lines = await checkOnlineAfspraken(change(sites.fysio, { signature: 'sha1' }), { env: sites.env });
    assert.deepEqual(problems(lines), ['The API key and secret work, but only with SHA256: set "signature": "sha256" in this site\'s provider.']);
  });

  test('a wrong secret: refused with both hashes, and where to look', async () => {
    const [line] = await checkOnlineAfspraken(sites.salon, { env: { ...sites.env, OA_SALON_SECRET: 'wrong' } });
    assert.match(line!.text, /refused the API key and secret \(OA_SALON_KEY, OA_SALON_SECRET\) with SHA1 and with SHA256.*Pro plan/);
  });

  test('a wrong agenda id lists the account’s agendas', async () => {
    const lines = await checkOnlineAfspraken(change(sites.salon, { agendaId: '42' }), { env: sites.env });
    assert.match(problems(lines)[0]!, /no agenda 42.*1337 \(Kapsalon Amstel\), 1338/);
  });

  test('a required field nobody asks, and a confirmation setting that does not match the account', async () => {
    const lines = await checkOnlineAfspraken(change(sites.salon, { fields: {} }, { confirmation: 'none' }), { env: sites.env });
    const found = problems(lines);
    assert.equal(found.length, 2);
    assert.match(found[0]!, /"confirmation": "code"/);
    assert.match(found[1]!, /Toelichting.*not in "fields"/);
  });

  test('npm run check:site -- <site> prints the findings and exits 0, or 1 naming what to change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bookwell-check-'));
    try {
      const file = join(dir, 'sites.json');
      await writeFile(file, JSON.stringify({ sites: [sites.salon, change(sites.fysio, { signature: 'sha1' })] }));
      const run = (site: string) =>
        new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-site.ts', site], {
            env: { ...process.env, ...sites.env, BOOKWELL_SITES: file },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.on('exit', (code) => done({ code, out }));
        });
      const good = await run('oa-salon');
      assert.equal(good.code, 0, good.out);
      assert.match(good.out, /All good/);
      const bad = await run('oa-fysio');
      assert.equal(bad.code, 1);
      assert.match(bad.out, /!! {2}The API key and secret work, but only with SHA256/);
      assert.match((await run('nope')).out, /There is no site "nope".*oa-salon, oa-fysio/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
