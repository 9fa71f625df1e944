/**
 * `npm run start:agendize`: the Agendize path end to end on one machine, with no Agendize account:
 * the strict Agendize fake (test/fakes/agendize), the real backend on demo/agendize/sites.json pointed at it, and a
 * French business page with two widgets (a salon that books at once, and one whose bookings the business approves).
 * The watch is registered as `npm run setup:agendize-watch` does it, so the fake's notifications reach the backend.
 * Environment: PORT (default 8787), AGENDIZE_DEMO_PAGE_PORT (default 8791; 0 = any), AGENDIZE_DEMO_ORIGINS.
 */
import { resolve } from 'node:path';
import { loadSites } from '../../src/server/config/sites.ts';
import { isAgendizeSite } from '../../src/server/providers/agendize/config.ts';
import { registerWatch } from '../../src/server/providers/agendize/watch.ts';
import { startAgendizeFake } from '../../test/fakes/agendize/server.ts';
import { credentialsEnv } from '../../test/fakes/agendize/sites.ts';
import { runPlatformDemo } from '../platform-demo.ts';

const fake = await startAgendizeFake();
const credentials = credentialsEnv(fake);
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (fields: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(fields)}\n`),
};

await runPlatformDemo({
  name: 'agendize',
  dir: import.meta.dirname,
  fakeUrl: fake.url,
  credentials,
  pagePort: 8791,
  closeFake: () => fake.close(),
  async onReady(api) {
    for (const site of (await loadSites(resolve(import.meta.dirname, 'sites.json'))).filter(isAgendizeSite)) {
      await registerWatch({ ...site, provider: { ...site.provider, baseUrl: fake.url } }, { publicUrl: api, env: credentials, log: quiet });
    }
  },
});
