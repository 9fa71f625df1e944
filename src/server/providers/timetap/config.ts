import * as z from 'zod';
import { envName } from '../../config/secrets.ts';
const hours = z.number().int().min(0).max(720);

export const timeTapBaseUrls = { live: 'https://api.timetap.com/live', test: 'https://api.timetap.com/test' } as const;

/** `"provider": {"type": "timetap", ...}` in the sites config (docs/timetap.md). */
export const timeTapConfig = z
  .object({
    type: z.literal('timetap'),
    /** TimeTap's production or test API; `baseUrl` overrides both (a proxy, or the local fake). */
    environment: z.enum(['live', 'test']).default('live'),
    baseUrl: z.string().url().optional(),
    /** The API key (the business id) and the private key, from TimeTap's back office. */
    apiKeyEnv: envName,
    privateKeyEnv: envName,
    /** The TimeTap locations customers book at: our branches, in this order. */
    locations: z.array(z.string().regex(/^\d{1,18}$/, 'a TimeTap locationId')).min(1),
    /** The site's name, when it is not the first location's name. */
    businessName: z.string().min(1).max(200).optional(),
    /** The secret in the webhook URL pasted in TimeTap's back office (its webhooks are not signed). */
    webhookSecretEnv: envName.optional(),
    // Capped so a booking's calls together stay inside the idempotency claim's lifetime (booking/idempotency.ts).
    timeoutMs: z.number().int().min(500).max(30_000).default(8000),
    /** TimeTap's own e-mails on booking. */
    sendConfirmationToClient: z.boolean().default(true),
    sendConfirmationToStaff: z.boolean().default(true),
    /** Hours before the appointment TimeTap sends its reminders; 0 = none. */
    reminders: z
      .object({ clientEmail: hours.default(24), staffEmail: hours.default(0), clientSms: hours.default(0), staffSms: hours.default(0) })
      .strict()
      .default({ clientEmail: 24, staffEmail: 0, clientSms: 0, staffSms: 0 }),
    /** The site's cancel rules (the API tells none): whether customers may cancel, until how long before. */
    cancel: z
      .object({
        allowed: z.boolean().default(true),
        noticeMinutes: z
          .number()
          .int()
          .min(0)
          .max(60 * 24 * 30)
          .default(1440),
        emailStaff: z.boolean().default(true),
        emailClient: z.boolean().default(true),
      })
      .strict()
      .default({ allowed: true, noticeMinutes: 1440, emailStaff: true, emailClient: true }),
  })
  .strict();
export type TimeTapConfig = z.infer<typeof timeTapConfig>;

export function baseUrlOf(config: TimeTapConfig): string {
  return config.baseUrl ?? timeTapBaseUrls[config.environment];
}

export function isTimeTapSite<Site extends { provider: { type: string } }>(site: Site): site is Site & { provider: TimeTapConfig } {
  return site.provider.type === 'timetap';
}
