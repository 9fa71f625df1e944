import { siteConfig, type SiteConfig } from '../../../src/server/config/sites.ts';
import type { Logger } from '../../../src/server/deps.ts';
import type { Tor4YouFake } from './server.ts';

/**
 * Bookwell site configs pointing at a running fake: the timeslots site authenticates with the
 * torkey header, the open site with signed parameters, so every test run exercises both methods.
 */
export function fakeSites(
  fake: Tor4YouFake,
  overrides: { origins?: string[]; timeoutMs?: number } = {},
): { slots: SiteConfig; open: SiteConfig; env: NodeJS.ProcessEnv } {
  const common = {
    origins: overrides.origins ?? ['http://127.0.0.1:8787'],
    locale: 'he',
    languages: ['he', 'en'],
    timezone: 'Asia/Jerusalem',
    country: 'IL',
    currency: 'ILS',
    weekStart: 0,
    customerFields: [
      { name: 'email', required: false },
      { name: 'idNumber', required: false },
      { name: 'notes', required: false },
    ],
  };
  const slots = siteConfig.parse({
    ...common,
    id: 'tor4you-slots',
    provider: {
      type: 'tor4you',
      baseUrl: fake.url,
      auth: { method: 'torkey', keyEnv: 'TOR4YOU_SLOTS_KEY' },
      webhookKeyEnv: 'TOR4YOU_SLOTS_WEBHOOK_KEY',
      timeoutMs: overrides.timeoutMs ?? 8000,
      extraFields: { notes: 'ax3' },
      groupServices: { '7003': 5 },
    },
  });
  const open = siteConfig.parse({
    ...common,
    id: 'tor4you-open',
    provider: {
      type: 'tor4you',
      baseUrl: fake.url,
      auth: { method: 'signed', siteIdEnv: 'TOR4YOU_OPEN_SITEID', keyEnv: 'TOR4YOU_OPEN_KEY', secretEnv: 'TOR4YOU_OPEN_SECRET' },
      webhookKeyEnv: 'TOR4YOU_OPEN_WEBHOOK_KEY',
      timeoutMs: overrides.timeoutMs ?? 8000,
      sendNotice: false,
    },
  });
  return { slots, open, env: credentialsEnv(fake) };
}

/** What a business puts in its environment: the keys from its Tor4You settings, under the names the sites config gives. */
export function credentialsEnv(fake: Tor4YouFake): NodeJS.ProcessEnv {
  return {
    TOR4YOU_SLOTS_KEY: fake.slots.credentials.torkey,
    TOR4YOU_SLOTS_WEBHOOK_KEY: fake.slots.credentials.webhookKey,
    TOR4YOU_OPEN_SITEID: fake.open.credentials.siteId,
    TOR4YOU_OPEN_KEY: fake.open.credentials.key,
    TOR4YOU_OPEN_SECRET: fake.open.credentials.secret,
    TOR4YOU_OPEN_WEBHOOK_KEY: fake.open.credentials.webhookKey,
  };
}

/** A logger that keeps its lines, so tests can read what was logged (and what was not). */
export function memoryLog(): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return {
    lines,
    info: (fields) => lines.push({ level: 'info', ...fields }),
    warn: (fields) => lines.push({ level: 'warn', ...fields }),
    error: (fields) => lines.push({ level: 'error', ...fields }),
  };
}
