import { secretFromEnv } from '../../config/secrets.ts';
import type { Logger } from '../../deps.ts';
import { clientFor, type AgendizeSite } from './adapter.ts';
import { watchUser } from './webhooks.ts';
import * as wire from './wire.ts';

/**
 * Registers the site's watch with Agendize: `POST .../appointments/watch`, posting to our webhook with HTTP Basic
 * (user `bookwell`, the site's webhook secret as password), so the receiver can tell Agendize's posts from anyone's.
 */
export async function registerWatch(
  site: AgendizeSite,
  options: { publicUrl: string; env: NodeJS.ProcessEnv; log: Logger; fetch?: typeof fetch },
): Promise<{ id: string; address: string }> {
  const config = site.provider;
  if (!config.webhookSecretEnv) throw new Error(`site ${site.id}: set provider.webhookSecretEnv first (the watch's password)`);
  const secret = secretFromEnv(config.webhookSecretEnv, options.env);
  if (secret.length < 16) throw new Error(`${config.webhookSecretEnv} must be at least 16 characters`);
  const address = `${options.publicUrl.replace(/\/+$/, '')}/v1/webhooks/agendize/${encodeURIComponent(site.id)}`;
  const client = clientFor(site, config, options);
  const answer = await client.call(
    'watch',
    'write',
    `/scheduling/companies/${encodeURIComponent(config.companyId)}/appointments/watch`,
    {
      method: 'POST',
      body: { address, name: `Bookwell ${site.id}`, method: 'POST', status: 'enabled', basicAuth: { username: watchUser, password: secret } },
    },
    wire.watchAnswer,
  );
  return { id: answer.id ?? '', address };
}
