import * as z from 'zod/mini';
import { isValid } from './plain-date.ts';

/** The languages the widget speaks. */
export const languages = ['he', 'en', 'nl', 'fr'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;

/** A site's id as it appears in URLs and in the sites config. */
export const siteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a site id is lower-case letters, digits and dashes'));

/** An id of a service, staff member or branch: platform ids are numbers or strings, we always carry strings. */
export const entityId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id'));

/**
 * A calendar date in the site's timezone, `YYYY-MM-DD`, in the years 2000 to 2999: nobody books outside them, and
 * a range near 9999 would run past what an ISO date can say.
 */
export const plainDate = z
  .string()
  .check(z.regex(/^2\d{3}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD, from the year 2000 to 2999'), z.refine(isValid, 'not a real date'));

/** Control characters (NUL above all, which PostgreSQL cannot store) are never part of what a person types. */
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Half of a UTF-16 pair without its other half: JSON may carry it (`"\ud800"`), but it is no character, no keyboard
 * types it, and PostgreSQL refuses it in text and jsonb (22P02), which made a booking with one a 500.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a person typed: at most `max` characters, no control characters (line breaks only where `multiline`). */
export function typedText(max: number, multiline = false) {
  return z.string().check(
    z.maxLength(max),
    z.refine(
      (v) => !controlCharacters.test(v) && !loneSurrogate.test(v) && (multiline || !/[\r\n]/.test(v)),
      'contains characters that cannot be typed',
    ),
  );
}

/** An instant as RFC 3339 with the site's offset, e.g. `2026-12-01T09:30:00+02:00`. */
export const instant = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'a time is RFC 3339 with an offset'));

/** Query-string integers arrive as text. */
export const participantCount = z
  .pipe(
    z.union([z.number(), z.string().check(z.regex(/^\d{1,3}$/, 'participants is a whole number'))]),
    z.transform((v) => Number(v)),
  )
  .check(z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 100, 'participants is between 1 and 100'));

export const named = z.object({ id: entityId, name: z.string() });
export type Named = z.infer<typeof named>;
