import { siteConfig, type SiteConfig } from '../../../src/server/config/sites.ts';
import type { OnlineAfsprakenFake } from './server.ts';

/**
 * Bookwell site configs pointing at a running fake: the salon (SHA1, codes, a required "Toelichting" filled
 * from the notes) and the physio practice (SHA256, no codes), as a business would write them.
 */
export function fakeSites(
  fake: OnlineAfsprakenFake,
  overrides: { origins?: string[]; timeoutMs?: number } = {},
): { salon: SiteConfig; fysio: SiteConfig; env: NodeJS.ProcessEnv } {
  const common = {
    origins: overrides.origins ?? ['http://127.0.0.1:8787'],
    locale: 'nl',
    languages: ['nl', 'en'],
    timezone: 'Europe/Amsterdam',
    country: 'NL',
    currency: 'EUR',
    weekStart: 1,
  };
  const salon = siteConfig.parse({
    ...common,
    id: 'oa-salon',
    confirmation: 'code',
    customerFields: [
      { name: 'email', required: true },
      { name: 'notes', required: true },
    ],
    provider: {
      type: 'onlineafspraken',
      baseUrl: fake.url,
      agendaId: '1337',
      keyEnv: 'OA_SALON_KEY',
      secretEnv: 'OA_SALON_SECRET',
      timeoutMs: overrides.timeoutMs ?? 8000,
      fields: { Toelichting: 'notes' },
    },
  });
  const fysio = siteConfig.parse({
    ...common,
    id: 'oa-fysio',
    customerFields: [{ name: 'email', required: true }],
    provider: {
      type: 'onlineafspraken',
      baseUrl: fake.url,
      agendaId: '2001',
      name: 'Fysiopraktijk Oost',
      keyEnv: 'OA_FYSIO_KEY',
      secretEnv: 'OA_FYSIO_SECRET',
      signature: 'sha256',
      timeoutMs: overrides.timeoutMs ?? 8000,
    },
  });
  return { salon, fysio, env: credentialsEnv(fake) };
}

/** What a business puts in its environment: the API key and secret from its OnlineAfspraken settings. */
export function credentialsEnv(fake: OnlineAfsprakenFake): NodeJS.ProcessEnv {
  return {
    OA_SALON_KEY: fake.salon.key,
    OA_SALON_SECRET: fake.salon.secret,
    OA_FYSIO_KEY: fake.fysio.key,
    OA_FYSIO_SECRET: fake.fysio.secret,
  };
}
