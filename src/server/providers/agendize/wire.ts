import * as z from 'zod';

/**
 * Agendize's answers as they arrive: ids as strings (sometimes numbers), text that may carry HTML entities
 * (the vendor's own library escapes every non-ASCII character as `&#NNN;`), optional fields left out.
 * Unknown fields are let through, not refused.
 */

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** `Fran&#231;ois`, `No&#xEB;l`, `&eacute;` → the characters they stand for; anything unknown stays as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const simple = named[body.toLowerCase()];
    if (simple) return simple;
    // Latin letters with accents (&eacute; &Egrave; &ccedil; &ouml; …): the letter plus its combining mark.
    const accent = /^([a-z])(acute|grave|circ|uml|cedil|tilde)$/i.exec(body);
    if (!accent) return whole;
    const marks: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', cedil: '\u0327', tilde: '\u0303' };
    return `${accent[1]}${marks[accent[2]!.toLowerCase()]}`.normalize('NFC');
  });
}

export const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : decodeEntities(String(v)).trim()));

export const id = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/));

/** A number that may arrive as text; missing, empty or unreadable is the fallback. */
function amount<F extends number | null>(fallback: F) {
  return z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v): number | F => {
      if (v === null || v === undefined || v === '') return fallback;
      const n = Number(v);
      return Number.isFinite(n) ? n : fallback;
    });
}

const flag = (fallback: boolean) =>
  z
    .union([z.boolean(), z.string(), z.null()])
    .optional()
    .transform((v) => (v === null || v === undefined || v === '' ? fallback : v === true || v === 'true'));

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/** The error envelope, with any HTTP status (the vendor's Node module checks for it on a 200 too). */
export const errorEnvelope = z.looseObject({
  error: z.looseObject({
    code: amount(0),
    reason: text,
    message: text,
  }),
});
export type WireError = z.output<typeof errorEnvelope>['error'];

/** The company's address: not in the seeds; read as a line of text or as {street, zipCode, city, …} parts. */
const companyAddress = z
  .union([text, z.looseObject({ street: text, otherStreet: text, zipCode: text, city: text, state: text, country: text })])
  .transform((a) =>
    typeof a === 'string'
      ? a
      : [a.street, a.otherStreet, [a.zipCode, a.city].filter(Boolean).join(' '), a.state, a.country].filter(Boolean).join(', '),
  );

export const company = z.looseObject({
  id,
  name: text,
  timeZone: z.string().min(1),
  phone: text,
  address: companyAddress,
});
export type WireCompany = z.output<typeof company>;

/** `i18n` names: `{"fr": {"name": ...}}`, `{"fr": "..."}` or `[{"language": "fr", "name": ...}]` have all been seen in libraries. */
const i18n = z
  .union([
    z.record(z.string(), z.union([z.string(), z.looseObject({ name: text })])),
    z.array(z.looseObject({ language: z.string().optional(), lang: z.string().optional(), name: text })),
    z.null(),
  ])
  .optional()
  .transform((v) => {
    const names: Record<string, string> = {};
    if (!v) return names;
    if (Array.isArray(v)) {
      for (const entry of v) {
        const lang = (entry.language ?? entry.lang ?? '').toLowerCase();
        if (lang && entry.name) names[lang] = entry.name;
      }
      return names;
    }
    for (const [lang, entry] of Object.entries(v)) {
      const name = typeof entry === 'string' ? decodeEntities(entry).trim() : entry.name;
      if (name) names[lang.toLowerCase()] = name;
    }
    return names;
  });

/** A price as a number, text or `{amount, currency}`. */
const price = z
  .union([z.number(), z.string(), z.looseObject({ amount: amount(null) }), z.null()])
  .optional()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'object' ? v.amount : Number(v);
    return n !== null && Number.isFinite(n) ? n : null;
  });

export const formItem = z.looseObject({
  id: z.string().min(1),
  type: text,
  title: text,
  bind: text,
  mandatory: flag(false),
  visible: flag(true),
});
export type WireFormItem = z.output<typeof formItem>;

export const service = z.looseObject({
  id,
  name: text,
  i18n,
  duration: amount(0),
  bufferDuration: amount(0),
  price,
  capacity: amount(1),
  /** Minutes before the start after which the customer may no longer cancel. */
  maxCancellationDelay: amount(0),
  staff: list(z.looseObject({ id })),
  form: z.looseObject({ items: list(formItem) }).nullish(),
  /** Services hidden from the booking widget in the Agendize back office. */
  visible: flag(true),
});
export type WireService = z.output<typeof service>;

export const servicesAnswer = z.looseObject({ items: list(service) });

export const staffMember = z.looseObject({ id, firstName: text, lastName: text });
export type WireStaff = z.output<typeof staffMember>;
export const staffAnswer = z.looseObject({ items: list(staffMember) });

export const freeSlotsAnswer = z.looseObject({
  items: list(
    z.looseObject({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      slots: list(z.string().min(16)),
      timeZone: z.string().optional(),
    }),
  ),
});
export type WireFreeSlots = z.output<typeof freeSlotsAnswer>;

export const client = z.looseObject({
  id,
  firstName: text,
  lastName: text,
  emailAddresses: list(z.looseObject({ email: text })),
  phoneNumbers: list(z.looseObject({ number: text })),
});
export type WireClient = z.output<typeof client>;
export const clientsAnswer = z.looseObject({ items: list(client) });

const zoned = z.looseObject({ dateTime: z.string().min(16), timeZone: z.string().optional() });

export const appointmentStatuses = ['completed', 'noShow', 'accepted', 'pending', 'declined', 'cancelled', 'inProgress'] as const;

export const appointment = z.looseObject({
  id,
  reference: text,
  status: z.enum(appointmentStatuses).nullish(),
  customStatus: z.looseObject({ id: z.string(), name: text }).nullish(),
  service: z.looseObject({ id, name: text }).nullish(),
  staff: z.looseObject({ id, firstName: text, lastName: text }).nullish(),
  client: z.looseObject({ id }).nullish(),
  start: zoned,
  end: zoned,
  extendedProperties: z.looseObject({ private: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
export type WireAppointment = z.output<typeof appointment>;
export const appointmentsAnswer = z.looseObject({ items: list(appointment) });

/** DELETE answers with an empty body. */
export const emptyAnswer = z.unknown();

export const watchAnswer = z.looseObject({ id: id.optional(), address: z.string().optional() });
