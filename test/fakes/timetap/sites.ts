import { siteConfig, type SiteConfig } from '../../../src/server/config/sites.ts';
import type { TimeTapFake } from './server.ts';

/**
 * Bookwell site configs pointing at a running fake: a clinic that books at once, and the same business
 * as a site whose bookings wait for the staff's confirmation (confirmation "approval").
 */
export function fakeSites(
  fake: TimeTapFake,
  overrides: { origins?: string[]; timeoutMs?: number } = {},
): { clinic: SiteConfig; approval: SiteConfig; env: NodeJS.ProcessEnv } {
  const common = {
    origins: overrides.origins ?? ['http://127.0.0.1:8792'],
    locale: 'en',
    languages: ['en', 'fr'],
    timezone: 'America/New_York',
    country: 'US',
    currency: 'USD',
    weekStart: 0,
    attendance: true,
    customerFields: [
      { name: 'email', required: true },
      { name: 'notes', required: false },
    ],
  };
  const provider = {
    type: 'timetap',
    baseUrl: fake.url,
    apiKeyEnv: 'TIMETAP_API_KEY',
    privateKeyEnv: 'TIMETAP_PRIVATE_KEY',
    webhookSecretEnv: 'TIMETAP_WEBHOOK_SECRET',
    timeoutMs: overrides.timeoutMs ?? 8000,
  };
  const clinic = siteConfig.parse({ ...common, id: 'timetap-clinic', confirmation: 'none', provider: { ...provider, locations: ['501', '502'] } });
  const approval = siteConfig.parse({
    ...common,
    id: 'timetap-approval',
    confirmation: 'approval',
    provider: {
      ...provider,
      locations: ['501'],
      businessName: 'Midtown Clinic (by request)',
      cancel: { allowed: true, noticeMinutes: 240, emailStaff: false, emailClient: true },
    },
  });
  return { clinic, approval, env: credentialsEnv(fake) };
}

/** What a business puts in its environment: the keys from TimeTap's back office, under the names the config gives. */
export function credentialsEnv(fake: TimeTapFake): NodeJS.ProcessEnv {
  return {
    TIMETAP_API_KEY: String(fake.business.businessId),
    TIMETAP_PRIVATE_KEY: fake.business.privateKey,
    TIMETAP_WEBHOOK_SECRET: 'timetap-webhook-secret-0123456789',
  };
}
