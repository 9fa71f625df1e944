/**
 * `npm run start:timetap`: the TimeTap path end to end on one machine, with no TimeTap account:
 *   1. a local stand-in for the TimeTap API (test/fakes/timetap, the strict fake the tests use),
 *   2. the real Bookwell backend with demo/timetap/sites.json pointed at it,
 *   3. a pretend business website (demo/timetap/index.html) on its own origin, http://127.0.0.1:8791/.
 * The fake posts its webhooks to the backend, as TimeTap does once the URL is set in its back office.
 *
 * Environment: PORT (backend, default 8787), TIMETAP_DEMO_PAGE_PORT (default 8791; 0 = any),
 * TIMETAP_DEMO_ORIGINS (more page origins allowed, comma-separated: browser tests use it).
 */
import { join } from 'node:path';
import { startTimeTapFake } from '../../test/fakes/timetap/server.ts';
import { credentialsEnv } from '../../test/fakes/timetap/sites.ts';
import { runPlatformDemo } from '../platform-demo.ts';

const fake = await startTimeTapFake();
const env = credentialsEnv(fake);

await runPlatformDemo({
  name: 'timetap',
  fakeUrl: fake.url,
  sitesFile: join(import.meta.dirname, 'sites.json'),
  pageFile: join(import.meta.dirname, 'index.html'),
  pagePort: Number(process.env['TIMETAP_DEMO_PAGE_PORT'] ?? 8791),
  extraOrigins: (process.env['TIMETAP_DEMO_ORIGINS'] ?? '').split(',').filter(Boolean),
  env,
  onReady(api) {
    // One webhook URL for the business (both demo sites book on it), with the secret the site config names.
    fake.webhookUrl = `${api}/v1/webhooks/timetap/timetap-clinic?token=${env['TIMETAP_WEBHOOK_SECRET']}`;
  },
  stopFake: () => fake.close(),
});
