import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { countries, customerFieldNames } from '../../contract/customer.ts';
import { languages } from '../../contract/common.ts';
import { confirmationKinds } from '../../contract/session.ts';
import { onlineAfsprakenConfig } from '../providers/onlineafspraken/config.ts';
import { agendizeProvider } from '../providers/agendize/config.ts';

/** The name of an environment variable that holds a secret. Secrets themselves never sit in the file. */
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'the name of an environment variable (A-Z, 0-9, _)');

const origin = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin is scheme://host[:port] with no path or trailing slash');

const embeddedProvider = z.object({ type: z.literal('embedded') }).strict();

const tor4youProvider = z
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

export const providerConfig = z.discriminatedUnion('type', [embeddedProvider, tor4youProvider, onlineAfsprakenConfig, agendizeProvider]);
export type ProviderConfig = z.infer<typeof providerConfig>;

export const siteConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a site id is lower-case letters, digits and dashes'),
    /** Web origins allowed to ask for tokens and to frame the embed page. */
    origins: z.array(origin).min(1),
    locale: z.enum(languages),
    languages: z.array(z.enum(languages)).min(1),
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA timezone such as Asia/Jerusalem'),
    country: z.enum(countries),
    currency: z.string().regex(/^[A-Z]{3}$/),
    weekStart: z.number().int().min(0).max(6).optional(),
    confirmation: z.enum(confirmationKinds).default('none'),
    attendance: z.boolean().default(true),
    customerFields: z
      .array(z.object({ name: z.enum(customerFieldNames), required: z.boolean() }).strict())
      .default([]),
    provider: providerConfig,
  })
  .strict()
  .refine((s) => s.languages.includes(s.locale), { message: 'languages must include locale', path: ['languages'] })
  // Agendize has no confirmation code; a business approves a pending appointment instead.
  .refine((s) => s.provider.type !== 'agendize' || s.confirmation !== 'code', {
    message: 'Agendize sites confirm with "none" or "approval", not "code"',
    path: ['confirmation'],
  })
  .refine(
    (s) =>
      s.provider.type !== 'agendize' ||
      Object.values(s.provider.formFields).every((f) => ['firstName', 'lastName', 'cell'].includes(f) || s.customerFields.some((c) => c.name === f && c.required)),
    { message: 'each of provider.formFields must name a customer field the site asks for as required', path: ['provider', 'formFields'] },
  );
export type SiteConfig = z.infer<typeof siteConfig>;

export const sitesFile = z
  .object({ sites: z.array(siteConfig).min(1) })
  .strict()
  .refine((f) => new Set(f.sites.map((s) => s.id)).size === f.sites.length, { message: 'two sites share one id', path: ['sites'] });
export type SitesFile = z.infer<typeof sitesFile>;

/** Thrown when the sites file is wrong; the message names the file, the site and the field. */
export class SitesConfigError extends Error {
  override name = 'SitesConfigError';
}

export async function loadSites(file: string): Promise<SiteConfig[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SitesConfigError(`${file}: cannot read the sites config: ${(error as Error).message}`);
  }
  return parseSites(raw, file);
}

export function parseSites(raw: unknown, file: string): SiteConfig[] {
  const result = sitesFile.safeParse(raw);
  if (result.success) return result.data.sites;
  const lines = result.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    const site =
      first === 'sites' && typeof index === 'number'
        ? `site "${String((raw as { sites?: { id?: unknown }[] }).sites?.[index]?.id ?? `#${index}`)}"`
        : 'file';
    const field = (first === 'sites' && typeof index === 'number' ? rest : issue.path).join('.') || '(whole)';
    return `${file}: ${site}, field "${field}": ${issue.message}`;
  });
  throw new SitesConfigError(lines.join('\n'));
}

/** Reads a secret named in the config; missing secrets stop the start, never a request. */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new SitesConfigError(`environment variable ${name} is not set (named in the sites config)`);
  return value;
}
