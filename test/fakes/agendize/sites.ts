import { siteConfig, type SiteConfig } from '../../../src/server/config/sites.ts';
import type { AgendizeSite } from '../../../src/server/providers/agendize/adapter.ts';
import { isAgendizeSite } from '../../../src/server/providers/agendize/config.ts';
import type { AgendizeFake } from './server.ts';

/**
 * Bookwell site configs on a running fake: a salon that books at once (asking "are you coming?" through two custom
 * statuses) and the same salon taking requests the business approves.
 */
export function fakeSites(
  fake: AgendizeFake,
  overrides: { origins?: string[]; timeoutMs?: number; cancelBy?: 'status' | 'delete' } = {},
): { salon: FakeSite; approval: FakeSite; env: NodeJS.ProcessEnv } {
  const common = {
    origins: overrides.origins ?? ['http://127.0.0.1:8787'],
    locale: 'fr',
    languages: ['fr', 'en', 'nl'],
    timezone: 'Europe/Paris',
    country: 'FR',
    currency: 'EUR',
    weekStart: 1,
  };
  const provider = {
    type: 'agendize',
    baseUrl: fake.url,
    companyId: fake.company.id,
    auth: { apiKeyEnv: 'AGENDIZE_API_KEY', tokenEnv: 'AGENDIZE_TOKEN' },
    webhookSecretEnv: 'AGENDIZE_WEBHOOK_SECRET',
    timeoutMs: overrides.timeoutMs ?? 8000,
    cancelBy: overrides.cancelBy ?? 'status',
  };
  const salon = agendizeSite({
    ...common,
    id: 'agendize-salon',
    attendance: true,
    customerFields: [
      { name: 'email', required: false },
      { name: 'notes', required: true },
    ],
    provider: { ...provider, attendanceStatuses: { yes: '501', no: '502' }, formFields: { 'f-allergies': 'notes' } },
  });
  const approval = agendizeSite({
    ...common,
    id: 'agendize-approval',
    confirmation: 'approval',
    customerFields: [{ name: 'email', required: false }],
    provider: { ...provider, silent: true },
  });
  return { salon, approval, env: credentialsEnv(fake) };
}

type FakeSite = SiteConfig & AgendizeSite;

function agendizeSite(raw: unknown): FakeSite {
  const site = siteConfig.parse(raw);
  if (!isAgendizeSite(site)) throw new Error('not an Agendize site');
  return site;
}

/** What a business puts in its environment: the key and token from its Agendize account, and the watch password. */
export function credentialsEnv(fake: AgendizeFake): NodeJS.ProcessEnv {
  return {
    AGENDIZE_API_KEY: fake.credentials.apiKey,
    AGENDIZE_TOKEN: fake.credentials.token,
    AGENDIZE_WEBHOOK_SECRET: 'watch-secret-0123456789abcdef',
  };
}
