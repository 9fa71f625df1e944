import * as z from 'zod/mini';
import { catalogResponse } from './catalog.ts';
import { language, siteId } from './common.ts';
import { countries, customerField } from './customer.ts';

/**
 * POST /v1/session: the page asks for a token for its site; the Origin header decides. `catalog: true` asks for the
 * catalog in the same answer, so the booking flow's first dates are one round trip after the session, not two.
 */
export const sessionRequest = z.object({ site: siteId, catalog: z.optional(z.boolean()) });
export type SessionRequest = z.infer<typeof sessionRequest>;

export const calendarKinds = ['slots', 'open'] as const;
export const confirmationKinds = ['none', 'code', 'approval'] as const;

/** What the widget needs to know about the business before it shows anything. */
export const siteInfo = z.object({
  id: siteId,
  name: z.string(),
  phone: z.optional(z.string()),
  /** Where the business is, when the platform or the site config says (a booking's branch may have its own). */
  address: z.optional(z.string()),
  /** The business's default language; the widget's `lang` attribute may choose another of `languages`. */
  locale: language,
  languages: z.array(language),
  /** IANA timezone every date and time of this site is computed in. */
  timezone: z.string(),
  country: z.enum(countries),
  calendar: z.enum(calendarKinds),
  /** 0 = Sunday … 6 = Saturday. */
  weekStart: z.number().check(z.int(), z.minimum(0), z.maximum(6)),
  confirmation: z.enum(confirmationKinds),
  /** Whether the business asks customers "are you coming?". */
  attendance: z.boolean(),
  /** False when the platform cannot send a confirmation code again (the widget offers no "send again"). */
  codeResend: z.optional(z.boolean()),
  customerFields: z.array(customerField),
  currency: z.string(),
});
export type SiteInfo = z.infer<typeof siteInfo>;

export const sessionResponse = z.object({
  token: z.string(),
  /** RFC 3339; the widget renews a little before. */
  expiresAt: z.string(),
  site: siteInfo,
  /** What GET /v1/catalog answers, when the request asked for it. */
  catalog: z.optional(catalogResponse),
});
export type SessionResponse = z.infer<typeof sessionResponse>;
