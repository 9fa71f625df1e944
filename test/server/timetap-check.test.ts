import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { siteConfig } from '../../src/server/config/sites.ts';
import { setupChecks } from '../../src/server/providers/setup-check.ts';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';
import { fakeSites } from '../fakes/timetap/sites.ts';

let fake: TimeTapFake;
before(async () => {
  fake = await startTimeTapFake();
});
after(() => fake.close());

describe('npm run check:site on a TimeTap site', () => {
  test('good keys: the locations, services and the webhook URL are said', async () => {
    const { clinic, env } = fakeSites(fake);
    const lines = await setupChecks.timetap!(clinic, { env });
    assert.ok(
      lines.every((l) => l.ok),
      JSON.stringify(lines),
    );
    const text = lines.map((l) => l.text).join('\n');
    assert.match(text, /Location 501 "Midtown Clinic" found/);
    assert.match(text, /2 service\(s\) customers can book: Consultation, Therapy session/);
    assert.match(text, /\/v1\/webhooks\/timetap\/timetap-clinic\?token=<the value of TIMETAP_WEBHOOK_SECRET>/);
    assert.ok(!text.includes(env['TIMETAP_WEBHOOK_SECRET']!), 'the secret itself is not printed');
  });

  test('a wrong private key, an unknown or inactive location, a missing webhook secret are marked', async () => {
    const { clinic, env } = fakeSites(fake);
    const refused = await setupChecks.timetap!(clinic, { env: { ...env, TIMETAP_PRIVATE_KEY: 'wrong' } });
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.ok, false);
    assert.match(refused[0]!.text, /refused the API key and private key/);

    const site = siteConfig.parse({ ...clinic, provider: { ...clinic.provider, locations: ['503', '999'] } });
    const lines = await setupChecks.timetap!(site, { env: { ...env, TIMETAP_WEBHOOK_SECRET: '' } });
    const bad = lines.filter((l) => !l.ok).map((l) => l.text);
    assert.equal(bad.length, 3, bad.join('\n'));
    assert.match(bad[0]!, /Location 503 "Old Office" is not active/);
    assert.match(bad[1]!, /There is no location 999\. The account's locations: 501 \(Midtown Clinic\)/);
    assert.match(bad[2]!, /No webhook secret/);
  });
});
