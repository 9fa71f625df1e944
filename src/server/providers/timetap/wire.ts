import * as z from 'zod';

/**
 * TimeTap's JSON as it arrives: ids and times as numbers, nulls for "not set", dates `YYYY-MM-DD`, instants as
 * milliseconds since 1970. Unknown fields are let through untouched: the objects carry dozens we never read.
 */

/** Ids are numbers on the wire; Bookwell keeps them as text. */
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]).transform(String);
const text = z
  .string()
  .nullish()
  .transform((v) => (v ?? '').trim());
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v === true);
/** A military-time integer (930 = 09:30); some answers send it as a string ("1400"). */
const military = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number),
]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const count = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);

export const sessionTokenAnswer = z.looseObject({ sessionToken: z.string().min(8) });

/** Where an object names its zone: `timeZoneCode`, or inside a `timeZone` object. */
const zoneFields = {
  timeZoneCode: text.optional(),
  timeZone: z.looseObject({ timeZoneCode: text.optional() }).nullish(),
};
const withZone = <T extends { timeZoneCode?: string | undefined; timeZone?: { timeZoneCode?: string | undefined } | null | undefined }>(v: T) => ({
  ...v,
  zone: v.timeZoneCode || v.timeZone?.timeZoneCode || '',
});

export const location = z.looseObject({
  ...zoneFields,
  locationId: id,
  locationName: text,
  active: z
    .boolean()
    .nullish()
    .transform((v) => v !== false),
  address1: text.optional(),
  city: text.optional(),
  state: text.optional(),
  zip: text.optional(),
});
export const locationsAnswer = z.array(location.transform(withZone));
export type WireLocation = z.output<typeof locationsAnswer>[number];

export const reason = z.looseObject({
  reasonId: id,
  reasonDesc: text,
  reasonType: text,
  visitMinutes: count,
  bufferBefore: count.optional().transform((v) => v ?? 0),
  bufferAfter: count.optional().transform((v) => v ?? 0),
  price: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined || v === '' ? null : Number(v))),
  active: z
    .boolean()
    .nullish()
    .transform((v) => v !== false),
  /** Bookable only through a private link or by staff: never offered by the widget. */
  isPrivate: flag.optional().transform((v) => v === true),
});
export const servicesAnswer = z.array(reason);
export type WireReason = z.output<typeof reason>;

const professional = z.looseObject({
  professionalId: id,
  firstName: text,
  lastName: text,
  fullName: text.optional(),
  active: z
    .boolean()
    .nullish()
    .transform((v) => v !== false),
});
export const staffMember = professional.extend(zoneFields).transform(withZone);
export const staffAnswer = z.array(staffMember);
export type WireStaff = z.output<typeof staffMember>;

/** GET /services/{reasonId}/serviceStaff: the staff who perform it (full staff objects, or their ids). */
export const serviceStaffAnswer = z.array(z.union([professional.transform((p) => p.professionalId), id]));

/** GET /timezones: TimeTap's own codes, each with an IANA name somewhere in the entry. */
export const timeZonesAnswer = z.array(z.looseObject({ timeZoneCode: text }));

/** A slot of the day call: the client's start and end, and the staff's (with buffers), in the staff's zone. */
export const daySlot = z.looseObject({
  clientStartDate: date.nullish(),
  clientEndDate: date.nullish(),
  clientStartTime: military,
  clientEndTime: military.nullish(),
  startDate: date.nullish(),
  endDate: date.nullish(),
  startTime: military.nullish(),
  endTime: military.nullish(),
});
export const dayAnswer = z.array(daySlot);
export type WireDaySlot = z.output<typeof daySlot>;

/** The location/service range call: days, each with its slots (in the location's zone). */
export const rangeAnswer = z.array(
  z.looseObject({
    date,
    timeSlots: z
      .array(z.looseObject({ clientStartDate: date.nullish(), clientStartTime: military.nullish() }))
      .nullish()
      .transform((v) => v ?? []),
  }),
);

/**
 * The month call's answer has no documented shape ("which days a staff person has availability"): read the
 * common forms (a map of day or date to a flag, a list of days or dates, either under a field) and nothing else.
 */
export function hintedDays(body: unknown, year: string, month: string): Set<string> | null {
  const toDate = (key: string | number): string | null => {
    const k = String(key);
    if (/^\d{4}-\d{2}-\d{2}$/.test(k)) return k;
    if (/^\d{1,2}$/.test(k) && Number(k) >= 1 && Number(k) <= 31) return `${year}-${month}-${k.padStart(2, '0')}`;
    return null;
  };
  const fromList = (list: unknown[]) => {
    const days = list.map((v) => (typeof v === 'string' || typeof v === 'number' ? toDate(v) : null));
    return days.every((d) => d !== null) ? new Set(days as string[]) : null;
  };
  if (Array.isArray(body)) return fromList(body);
  if (!body || typeof body !== 'object') return null;
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length === 1 && Array.isArray(entries[0]![1])) return fromList(entries[0]![1]);
  const days = new Set<string>();
  for (const [key, value] of entries) {
    const day = toDate(key);
    if (day === null || (typeof value !== 'boolean' && typeof value !== 'number')) return null;
    if (value) days.add(day);
  }
  return days;
}

export const clientAnswer = z.looseObject({ clientId: id });

export const appointment = z.looseObject({
  calendarId: id,
  status: text,
  subStatus: text.optional(),
  clientStartDate: date,
  clientEndDate: date.nullish(),
  clientStartTime: military,
  clientEndTime: military,
  clientConfirmed: flag.optional(),
  /** Milliseconds since 1970. */
  clientConfirmedDate: z.number().nullish(),
  client: z.looseObject({ clientId: id }).nullish(),
  staff: professional.partial({ firstName: true, lastName: true, active: true }).nullish(),
  location: z.looseObject({ locationId: id, locationName: text.optional() }).nullish(),
  reason: z.looseObject({ reasonId: id, reasonDesc: text.optional() }).nullish(),
});
export type WireAppointment = z.output<typeof appointment>;

export const appointmentsAnswer = z.array(appointment);
