import * as z from 'zod';
import { customerFieldNames } from '../../../contract/customer.ts';
import { envName } from '../../config/secrets.ts';
const version = z.enum(['2.0', '2.1']);

/** Agendize's regional hosts: the account says which one it lives on. */
export const agendizeHosts = {
  api: 'https://api.agendize.com',
  france: 'https://france.agendize.com',
  sante: 'https://sante.agendize.com',
} as const;

/** `"provider": {"type": "agendize", ...}` in the sites config (docs/agendize.md). */
export const agendizeProvider = z
  .object({
    type: z.literal('agendize'),
    host: z.enum(['api', 'france', 'sante']).default('api'),
    /** Another origin in front of the host (a proxy, or a local stand-in); the host's when absent. */
    baseUrl: z.string().url().optional(),
    version: version.default('2.0'),
    /** The widget's free-slots call is documented under 2.1; the vendor's own library calls it under 2.0. */
    freeSlotsVersion: version.default('2.1'),
    companyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    /** The account's API key and token, sent as the `apiKey` and `token` headers. */
    auth: z.object({ apiKeyEnv: envName, tokenEnv: envName }).strict(),
    /** The password Agendize sends with each watch notification (HTTP Basic), set up by the watch command. */
    webhookSecretEnv: envName.optional(),
    timeoutMs: z.number().int().min(500).max(30_000).default(8000),
    /** `silent`: true stops Agendize's own e-mails and text messages about these appointments. */
    silent: z.boolean().default(false),
    /** status: a PUT to `cancelled` (keeps the history); delete: DELETE the appointment. */
    cancelBy: z.enum(['status', 'delete']).default('status'),
    /** The custom statuses that record "are you coming?"; without them the question is not asked. */
    attendanceStatuses: z
      .object({ yes: z.string().min(1), no: z.string().min(1) })
      .strict()
      .optional(),
    /** Form item id -> the customer field that fills it, for the form items a service asks for. */
    formFields: z.record(z.string().min(1), z.enum(customerFieldNames)).default({}),
  })
  .strict();
export type AgendizeConfig = z.infer<typeof agendizeProvider>;

/** Where the API lives for this config: `https://france.agendize.com/api/2.0`. */
export function apiBase(config: Pick<AgendizeConfig, 'host' | 'baseUrl'>, v: string): string {
  return `${(config.baseUrl ?? agendizeHosts[config.host]).replace(/\/+$/, '')}/api/${v}`;
}

/** Tells an Agendize site among all the sites of the config. */
export function isAgendizeSite<Site extends { provider: { type: string } }>(site: Site): site is Site & { provider: AgendizeConfig } {
  return site.provider.type === 'agendize';
}
