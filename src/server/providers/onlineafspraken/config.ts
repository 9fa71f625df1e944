import * as z from 'zod';
import { envName } from '../../config/secrets.ts';
import { signatureAlgorithms } from './signature.ts';

/** The customer fields an OnlineAfspraken extra field (getFields, by Key) can be filled from. */
export const fillableFields = ['email', 'idNumber', 'notes'] as const;

/** `"provider": {"type": "onlineafspraken", ...}` in the sites config (docs/onlineafspraken.md). */
export const onlineAfsprakenConfig = z
  .object({
    type: z.literal('onlineafspraken'),
    baseUrl: z.string().url().default('https://agenda.onlineafspraken.nl/APIREST'),
    /** The agenda (calendar) customers book in: its Id from getAgendas, or the setup check. */
    agendaId: z.string().regex(/^\d+$/, 'the agenda id, digits'),
    /** The business's name for customers, when the agenda's own name is empty. */
    name: z.string().min(1).max(120).optional(),
    keyEnv: envName,
    secretEnv: envName,
    /** The hash the account accepts; the setup check says which. */
    signature: z.enum(signatureAlgorithms).default('sha1'),
    // Capped so a booking's calls together stay inside the idempotency claim's lifetime (booking/idempotency.ts).
    timeoutMs: z.number().int().min(500).max(30_000).default(8000),
    /** Extra fields by their getFields Key, filled from one of our customer fields, e.g. {"Toelichting": "notes"}. */
    fields: z.record(z.string().regex(/^[A-Za-z0-9_]+$/, 'a getFields Key'), z.enum(fillableFields)).default({}),
  })
  .strict();
export type OnlineAfsprakenConfig = z.infer<typeof onlineAfsprakenConfig>;

/** Tells an OnlineAfspraken site among all the sites of the config. */
export function isOnlineAfsprakenSite<Site extends { provider: { type: string } }>(site: Site): site is Site & { provider: OnlineAfsprakenConfig } {
  return site.provider.type === 'onlineafspraken';
}
