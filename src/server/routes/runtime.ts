import { randomBytes } from 'node:crypto';
import type { SiteInfo } from '../../contract/session.ts';
import type { SiteConfig } from '../config/sites.ts';
import type { AppDeps, RateLimits } from '../deps.ts';
import { ApiFailure } from '../errors.ts';
import type { Context } from 'hono';
import { TrustedProxies } from '../http/client-ip.ts';
import { defaultRateLimits, RateLimiter } from '../http/rate-limit.ts';
import { createMessenger, type Messenger } from '../messages/messenger.ts';
import type { PlatformCatalog, Provider } from '../providers/provider.ts';
import { TtlCache } from '../providers/shared/ttl-cache.ts';
import { deriveKeys, type Keys } from '../tokens/keys.ts';
import { maxTokenTtlSeconds } from '../tokens/session.ts';

/** What the routers share, built once per app from AppDeps. */
export interface Runtime {
  deps: AppDeps;
  keys: Keys;
  limits: RateLimits;
  limiter: RateLimiter;
  /** The caller's address, through trusted proxies only. */
  clientIp(c: Context): string;
  tokenTtlSeconds: number;
  /** The backend's own origin (its pages may ask for tokens and call /v1 like a listed origin). */
  ownOrigin: string;
  site(id: string): { config: SiteConfig; provider: Provider };
  siteInfo(id: string): Promise<SiteInfo>;
  catalog(id: string): Promise<PlatformCatalog>;
  /** Reuses an availability answer for a few seconds; `forget` drops a site's answers (not its catalog). */
  cachedAvailability<T>(siteId: string, key: string, load: () => Promise<T>): Promise<T>;
  forget(siteId: string): void;
  /** Messages after booking: routes tell it what happened; start.ts runs its due jobs. */
  messages: Messenger;
}

const catalogTtlMs = 30_000;

export function createRuntime(deps: AppDeps): Runtime {
  const keys = deriveKeys(deps.secret ?? randomBytes(48).toString('base64url'));
  const now = () => deps.clock().getTime();
  // The site's settings come from the config and the platform's fixed facts: read once.
  const infoCache = new TtlCache({ ttlMs: Infinity, now });
  const catalogCache = new TtlCache({ ttlMs: catalogTtlMs, now });
  const availability = new Map<string, TtlCache>();
  const availabilityMs = deps.availabilityCacheMs ?? 0;
  const proxies = new TrustedProxies(deps.trustedProxies ?? []);

  const site = (id: string) => {
    const config = deps.sites.get(id);
    const provider = deps.providers.get(id);
    if (!config || !provider) throw new ApiFailure('unknown_site', `There is no site "${id}".`);
    return { config, provider };
  };

  const rt: Runtime = {
    deps,
    keys,
    limits: { ...defaultRateLimits, ...deps.rateLimits },
    limiter: new RateLimiter(deps.clock),
    clientIp: (c) => proxies.clientIp(c),
    tokenTtlSeconds: Math.min(maxTokenTtlSeconds, Math.max(1, deps.tokenTtlSeconds ?? maxTokenTtlSeconds)),
    ownOrigin: new URL(deps.publicUrl).origin,
    site,
    siteInfo(id) {
      return infoCache.get(id, async () => {
        const { config, provider } = site(id);
        const platform = await provider.site();
        const phone = platform.phone || config.contact?.phone;
        const address = platform.address || config.contact?.address;
        return {
          id: config.id,
          name: platform.name,
          ...(phone ? { phone } : {}),
          ...(address ? { address } : {}),
          locale: config.locale,
          languages: config.languages,
          timezone: config.timezone,
          country: config.country,
          calendar: platform.calendar,
          weekStart: config.weekStart ?? 0,
          confirmation: config.confirmation,
          attendance: config.attendance && platform.attendance !== false,
          ...(provider.resendCode ? {} : { codeResend: false }),
          customerFields: config.customerFields,
          currency: config.currency,
        } satisfies SiteInfo;
      });
    },
    catalog(id) {
      return catalogCache.get(id, () => site(id).provider.catalog());
    },
    cachedAvailability<T>(siteId: string, key: string, load: () => Promise<T>): Promise<T> {
      if (availabilityMs <= 0) return load();
      let forSite = availability.get(siteId);
      if (!forSite) availability.set(siteId, (forSite = new TtlCache({ ttlMs: availabilityMs, now, maxEntries: 500 })));
      return forSite.get(key, load);
    },
    forget(siteId) {
      // Availability only: a booking or a cancel changes no service, staff member or branch, and reloading the catalog
      // after each booking was a third of a booking's database time on PGlite (bench/cold.ts, the booking mix).
      availability.delete(siteId);
      deps.providers.get(siteId)?.invalidate?.();
    },
    messages: null as unknown as Messenger,
  };
  rt.messages = createMessenger(rt, deps.transports);
  return rt;
}
