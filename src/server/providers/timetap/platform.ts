import { definePlatform } from '../platform.ts';
import { withAvailabilityCache } from '../shared/availability-cache.ts';
import { createTimeTapProvider } from './adapter.ts';
import { checkTimeTap } from './check.ts';
import { timeTapConfig } from './config.ts';
import { timeTapWebhooks } from './webhooks.ts';

/** TimeTap (docs/timetap.md): each site's adapter behind the short availability cache its webhooks clear. */
export const timetap = definePlatform({
  type: 'timetap',
  config: timeTapConfig,
  migrations: new URL('./migrations/', import.meta.url),
  start: (deps) => ({
    providerFor: (site) => withAvailabilityCache(createTimeTapProvider(site, deps), { clock: deps.clock, log: deps.log }),
  }),
  check: checkTimeTap,
  webhooks: timeTapWebhooks,
});
