import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as z from 'zod';
import { countries, customerFieldNames } from '../../contract/customer.ts';
import { languages } from '../../contract/common.ts';
import { confirmationKinds } from '../../contract/session.ts';
import { defaultCaps } from '../booking/caps.ts';
import { platformConfigs } from '../providers/registry.ts';
import { SitesConfigError } from './errors.ts';

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'an origin is scheme://host[:port] with no path or trailing slash');

/** Each platform's own provider config (its folder's config schema), told apart by `type`. */
export const providerConfig = z.discriminatedUnion('type', platformConfigs);
export type ProviderConfig = z.infer<typeof providerConfig>;

/** A site's settings apart from its platform: what every platform module may read. */
const siteSettings = z.object({
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
  customerFields: z.array(z.object({ name: z.enum(customerFieldNames), required: z.boolean() }).strict()).default([]),
  /** Hours before the start the reminder goes out. */
  reminderHours: z.number().int().min(1).max(168).default(24),
  /** Where the business hears of new bookings, cancellations, "not coming" and requests to approve. */
  business: z
    .object({
      email: z.string().email().optional(),
      cell: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'a mobile number in E.164, e.g. +972501234567')
        .optional(),
    })
    .strict()
    .optional(),
  /**
   * The business's phone and address shown to customers where the platform does not give them (OnlineAfspraken
   * gives neither, TimeTap only its locations' addresses); what the platform gives comes first.
   */
  contact: z
    .object({ phone: z.string().min(1).max(40).optional(), address: z.string().min(1).max(300).optional() })
    .strict()
    .optional(),
  /** Whether Bookwell writes to the customer (booked, reminder, approved, declined, cancelled); see sendsCustomerMessages. */
  customerMessages: z.boolean().optional(),
  /** How much one customer may book, so one party cannot reserve every free time; see defaultCaps. */
  caps: z
    .object({
      perCellPerDay: z.number().int().min(1).max(1000).default(defaultCaps.perCellPerDay),
      perEmailPerDay: z.number().int().min(1).max(1000).default(defaultCaps.perEmailPerDay),
      openPerCustomer: z.number().int().min(1).max(1000).default(defaultCaps.openPerCustomer),
    })
    .strict()
    .default(defaultCaps),
});
export type SiteSettings = z.infer<typeof siteSettings>;

export const siteConfig = siteSettings
  .extend({ provider: providerConfig })
  .strict()
  .refine((s) => s.languages.includes(s.locale), { message: 'languages must include locale', path: ['languages'] });
export type SiteConfig = z.infer<typeof siteConfig>;

export const sitesFile = z
  .object({ sites: z.array(siteConfig).min(1) })
  .strict()
  .refine((f) => new Set(f.sites.map((s) => s.id)).size === f.sites.length, { message: 'two sites share one id', path: ['sites'] });
export type SitesFile = z.infer<typeof sitesFile>;

/**
 * Whether Bookwell, not the platform, sends this site's customer messages, when the site does not say: the engine
 * sends none of its own; Tor4You sends the site's notices when sendnotice=1; OnlineAfspraken sends confirmations by
 * its system settings (cancelAppointment Mode=customer); Agendize sends its own unless the site sets `silent`;
 * TimeTap sends its confirmation unless the site sets `sendConfirmationToClient: false`.
 */
export function sendsCustomerMessages(site: SiteConfig): boolean {
  if (site.customerMessages !== undefined) return site.customerMessages;
  switch (site.provider.type) {
    case 'embedded':
      return true;
    case 'tor4you':
      return !site.provider.sendNotice;
    case 'agendize':
      return site.provider.silent;
    case 'timetap':
      return !site.provider.sendConfirmationToClient;
    default:
      return false;
  }
}

export { SitesConfigError };

export async function loadSites(file: string): Promise<SiteConfig[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SitesConfigError(`${file}: cannot read the sites config: ${(error as Error).message}`);
  }
  const folder = dirname(resolve(file));
  return parseSites(raw, file).map((site) => withPathsFrom(folder, site));
}

/** A file a site names is found as in any config file: a relative path from the sites file's folder, wherever the backend runs. */
function withPathsFrom(folder: string, site: SiteConfig): SiteConfig {
  if (site.provider.type !== 'embedded' || !site.provider.catalog) return site;
  return { ...site, provider: { ...site.provider, catalog: resolve(folder, site.provider.catalog) } };
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
