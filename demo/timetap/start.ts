/**
 * `npm run start:timetap`: the TimeTap path end to end with no TimeTap account: the strict fake the tests use
 * (test/fakes/timetap), the real backend with demo/timetap/sites.json pointed at it, and a New York clinic's page
 * (index.html) with a widget that books at once and one whose bookings wait for the clinic. The fake posts its
 * webhooks to the backend, as TimeTap does once the URL is set in its back office.
 *
 * Environment: PORT (backend, default 8787), TIMETAP_DEMO_PAGE_PORT (default 8792; 0 = any),
 * TIMETAP_DEMO_ORIGINS (more page origins allowed, comma-separated: browser tests use it).
 */
import { runPlatformDemo } from '../platform-demo.ts';
import { startTimeTapFake } from '../../test/fakes/timetap/server.ts';
import { credentialsEnv } from '../../test/fakes/timetap/sites.ts';

const fake = await startTimeTapFake();
const credentials = credentialsEnv(fake);
await runPlatformDemo({
  name: 'timetap',
  dir: import.meta.dirname,
  fakeUrl: fake.url,
  credentials,
  pagePort: 8792,
  // One business, so one webhook URL in its back office; the secret in it is the one the sites file names.
  onReady: (api) => (fake.webhookUrl = `${api}/v1/webhooks/timetap/timetap-clinic?token=${credentials['TIMETAP_WEBHOOK_SECRET']}`),
  closeFake: () => fake.close(),
});
