import { definePlatform } from '../platform.ts';
import { withAvailabilityCache } from '../shared/availability-cache.ts';
import { checkOnlineAfspraken } from './check.ts';
import { onlineAfsprakenConfig } from './config.ts';
import { createOnlineAfsprakenProvider } from './adapter.ts';

/** OnlineAfspraken (docs/onlineafspraken.md): each site's adapter behind the short availability cache. */
export const onlineafspraken = definePlatform({
  type: 'onlineafspraken',
  config: onlineAfsprakenConfig,
  start: (deps) => ({
    providerFor: (site) => withAvailabilityCache(createOnlineAfsprakenProvider(site, deps), { clock: deps.clock, log: deps.log }),
  }),
  check: checkOnlineAfspraken,
});
