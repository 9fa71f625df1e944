/**
 * `npm run start:onlineafspraken`: the OnlineAfspraken path end to end with no OnlineAfspraken account: the strict
 * fake the tests use (test/fakes/onlineafspraken), the real backend with demo/onlineafspraken/sites.json pointed
 * at it, and a Dutch business page (index.html) with the salon's and the practice's widgets.
 * The confirmation codes the "platform" sends are printed here, as the customer would get them by e-mail or SMS.
 *
 * Environment: PORT (backend, default 8787), ONLINEAFSPRAKEN_DEMO_PAGE_PORT (default 8791; 0 = any),
 * ONLINEAFSPRAKEN_DEMO_ORIGINS (more page origins allowed, comma-separated: browser tests use it).
 */
import { runPlatformDemo } from '../platform-demo.ts';
import { startOnlineAfsprakenFake } from '../../test/fakes/onlineafspraken/server.ts';
import { credentialsEnv } from '../../test/fakes/onlineafspraken/sites.ts';

const fake = await startOnlineAfsprakenFake({
  onCode: (appointment, code) => process.stderr.write(`OnlineAfspraken (fake) sent confirmation code ${code} for appointment ${appointment}.\n`),
});
await runPlatformDemo({
  name: 'onlineafspraken',
  dir: import.meta.dirname,
  fakeUrl: fake.url,
  credentials: credentialsEnv(fake),
  pagePort: 8791,
  closeFake: () => fake.close(),
});
