import * as z from 'zod';
import { envName, secretFromEnv } from '../../config/secrets.ts';
import type { Tor4YouCredentials } from './client.ts';

/** A Tor4You site's `provider` in the sites config (docs/tor4you.md). */
export const tor4youConfig = z
  .object({
    type: z.literal('tor4you'),
    baseUrl: z.string().url().default('https://www.tor4you.co.il/api/'),
    /** torkey: the `torkey` header; signed: siteid + key + dt + sh. */
    auth: z.discriminatedUnion('method', [
      z.object({ method: z.literal('torkey'), keyEnv: envName }).strict(),
      z.object({ method: z.literal('signed'), siteIdEnv: envName, keyEnv: envName, secretEnv: envName }).strict(),
    ]),
    /** The key from the Tor4You settings menu that signs webhooks. */
    webhookKeyEnv: envName.optional(),
    // Capped so a booking's calls together stay inside the idempotency claim's lifetime (booking/idempotency.ts).
    timeoutMs: z.number().int().min(500).max(30_000).default(8000),
    /** Which ax/cx extra fields our customer fields go to, e.g. {"idNumber": "ax1"}. */
    extraFields: z.record(z.string(), z.string().regex(/^(ax([1-9]|1\d|20)|cx([1-9]|10))$/)).default({}),
    sendNotice: z.boolean().default(true),
    /** Services booked by groups on slots: service id -> the most participants one booking may bring. */
    groupServices: z.record(z.string(), z.number().int().min(2).max(100)).default({}),
  })
  .strict();
export type Tor4YouConfig = z.output<typeof tor4youConfig>;

/** Tells a Tor4You site among all the sites of the config. */
export function isTor4YouSite<Site extends { provider: { type: string } }>(site: Site): site is Site & { provider: Tor4YouConfig } {
  return site.provider.type === 'tor4you';
}

/** Read once at start from the environment variables the config names; a missing one stops the start. */
export function credentialsFrom(config: Tor4YouConfig, env: NodeJS.ProcessEnv | undefined): Tor4YouCredentials {
  const auth = config.auth;
  if (auth.method === 'torkey') return { method: 'torkey', key: secretFromEnv(auth.keyEnv, env) };
  return {
    method: 'signed',
    siteId: secretFromEnv(auth.siteIdEnv, env),
    key: secretFromEnv(auth.keyEnv, env),
    secret: secretFromEnv(auth.secretEnv, env),
  };
}
