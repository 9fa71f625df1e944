/**
 * `npm run start:tor4you`: the Tor4You path end to end on one machine, with no Tor4You account.
 *   1. a local stand-in for the Tor4You API (test/fakes/tor4you, the strict fake the tests use),
 *   2. the real Bookwell backend (src/server/main.ts) with demo/tor4you/sites.json pointed at it,
 *   3. a pretend business website (demo/tor4you/index.html) on its own origin with two widgets.
 * The fake posts its webhooks to the backend, as Tor4You would once the URL is pasted in its settings.
 *
 * Environment: PORT (backend, default 8787), TOR4YOU_DEMO_PAGE_PORT (default 8790; 0 = any),
 * TOR4YOU_DEMO_ORIGINS (more page origins allowed, comma-separated: browser tests use it).
 */
import { runPlatformDemo } from '../platform-demo.ts';
import { startTor4YouFake } from '../../test/fakes/tor4you/server.ts';
import { credentialsEnv } from '../../test/fakes/tor4you/sites.ts';

const fake = await startTor4YouFake();
await runPlatformDemo({
  name: 'tor4you',
  dir: import.meta.dirname,
  fakeUrl: fake.url,
  credentials: credentialsEnv(fake),
  pagePort: 8790,
  // Each business pastes its own webhook URL in its Tor4You settings.
  onReady(api) {
    fake.webhookUrls.set(fake.slots, `${api}/v1/webhooks/tor4you/tor4you-slots`);
    fake.webhookUrls.set(fake.open, `${api}/v1/webhooks/tor4you/tor4you-open`);
  },
  closeFake: () => fake.close(),
});
