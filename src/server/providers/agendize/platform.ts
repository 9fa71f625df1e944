import { definePlatform } from '../platform.ts';
import { withAvailabilityCache } from '../shared/availability-cache.ts';
import { createAgendizeProvider } from './adapter.ts';
import { checkAgendize } from './check.ts';
import { agendizeProvider } from './config.ts';
import { agendizeWebhooks } from './webhooks.ts';

/** Agendize (docs/agendize.md): each site's adapter behind the short availability cache its watch clears. */
export const agendize = definePlatform({
  type: 'agendize',
  config: agendizeProvider,
  migrations: new URL('./migrations/', import.meta.url),
  start: (deps) => ({
    providerFor: (site) => withAvailabilityCache(createAgendizeProvider(site, deps), { clock: deps.clock, log: deps.log }),
  }),
  check: checkAgendize,
  webhooks: agendizeWebhooks,
});
