import { definePlatform } from '../platform.ts';
import { withAvailabilityCache } from '../shared/availability-cache.ts';
import { createTor4YouProvider } from './adapter.ts';
import { tor4youConfig } from './config.ts';
import { tor4youWebhooks } from './webhooks.ts';

/** Tor4You (docs/tor4you.md): each site's adapter behind a short availability cache its webhooks clear. */
export const tor4you = definePlatform({
  type: 'tor4you',
  config: tor4youConfig,
  migrations: new URL('./migrations/', import.meta.url),
  start: (deps) => ({
    providerFor: (site) => withAvailabilityCache(createTor4YouProvider(site, deps), { clock: deps.clock, log: deps.log }),
  }),
  webhooks: tor4youWebhooks,
});
