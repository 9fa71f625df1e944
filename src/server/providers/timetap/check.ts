import { systemClock } from '../../clock.ts';
import { secretFromEnv } from '../../config/secrets.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformSiteConfig, SetupCheckLine } from '../platform.ts';
import { isIanaZone } from './catalog.ts';
import { TimeTapClient } from './client.ts';
import { baseUrlOf, isTimeTapSite } from './config.ts';
import * as wire from './wire.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The setup check for a TimeTap site (`npm run check:site -- <site>`): a session token with the configured keys,
 * then harmless reads of the locations, services and staff. Says in words what works and what to change.
 */
export async function checkTimeTap(
  site: PlatformSiteConfig<{ type: string }>,
  options: { env?: NodeJS.ProcessEnv; fetch?: typeof fetch } = {},
): Promise<SetupCheckLine[]> {
  if (!isTimeTapSite(site)) throw new Error(`site ${site.id} is not a TimeTap site`);
  const config = site.provider;
  const env = options.env ?? process.env;
  const client = new TimeTapClient({
    baseUrl: baseUrlOf(config),
    apiKey: secretFromEnv(config.apiKeyEnv, env),
    privateKey: secretFromEnv(config.privateKeyEnv, env),
    timeoutMs: config.timeoutMs,
    clock: systemClock,
    log: quiet,
    site: site.id,
    fetch: options.fetch,
  });
  const lines: SetupCheckLine[] = [];
  let locations: wire.WireLocation[];
  try {
    locations = await client.call({ method: 'GET', path: '/locations', name: 'GET /locations' }, wire.locationsAnswer);
  } catch (error) {
    const code = error instanceof ApiFailure ? error.code : 'internal';
    lines.push({
      ok: false,
      text:
        code === 'upstream_auth'
          ? `TimeTap refused the API key and private key (${config.apiKeyEnv}, ${config.privateKeyEnv}). Check both in TimeTap's back office, and that the account is on the Business or Enterprise plan (API access).`
          : `TimeTap could not be reached at ${baseUrlOf(config)} (${code}).`,
    });
    return lines;
  }
  lines.push({ ok: true, text: `The API key and private key work (${baseUrlOf(config)}).` });
  for (const id of config.locations) {
    const location = locations.find((l) => l.locationId === id);
    lines.push(
      !location
        ? {
            ok: false,
            text: `There is no location ${id}. The account's locations: ${locations.map((l) => `${l.locationId} (${l.locationName})`).join(', ') || 'none'}.`,
          }
        : location.active
          ? { ok: true, text: `Location ${id} "${location.locationName}" found.` }
          : { ok: false, text: `Location ${id} "${location.locationName}" is not active: customers cannot book there.` },
    );
  }
  const reasons = await client.call({ method: 'GET', path: '/services', name: 'GET /services' }, wire.servicesAnswer);
  const bookable = reasons.filter((r) => r.active && !r.isPrivate && r.reasonType.toUpperCase() === 'SERVICE');
  lines.push({
    ok: bookable.length > 0,
    text: `${bookable.length} service(s) customers can book${bookable.length ? `: ${bookable.map((r) => r.reasonDesc).join(', ')}` : ''}; classes, personal and private reasons are not offered.`,
  });
  const staff = await client.call({ method: 'GET', path: '/staff', name: 'GET /staff' }, wire.staffAnswer);
  const coded = [...new Set(staff.filter((s) => s.active && s.zone && !isIanaZone(s.zone)).map((s) => s.zone))];
  if (coded.length > 0)
    lines.push({ ok: true, text: `Staff time zones named by TimeTap code (${coded.join(', ')}) are looked up with GET /timezones.` });
  const secret = config.webhookSecretEnv ? env[config.webhookSecretEnv] : undefined;
  lines.push(
    secret
      ? {
          ok: true,
          text: `Webhook URL for TimeTap's back office: <backend>/v1/webhooks/timetap/${site.id}?token=<the value of ${config.webhookSecretEnv}>.`,
        }
      : {
          ok: false,
          text: `No webhook secret${config.webhookSecretEnv ? ` (${config.webhookSecretEnv} is not set)` : ' ("webhookSecretEnv")'}: changes made in TimeTap reach the widget only after 30 seconds.`,
        },
  );
  return lines;
}
