import * as z from 'zod';

/**
 * The Tor4You answers as they really arrive: numbers as strings or numbers, empty strings for
 * "nothing", booleans as "True" / "1", Hebrew text. Unknown fields are kept out of the way, not refused.
 */

const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

/** A whole number that may come as text; empty or missing becomes the fallback. */
const count = (fallback: number) =>
  text.transform((v, ctx) => {
    if (v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `not a number: ${v}` });
      return z.NEVER;
    }
    return Math.trunc(n);
  });

const id = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/));

const flag = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) => v === true || v === 1 || (typeof v === 'string' && /^(1|true|yes)$/i.test(v.trim())));

const live = text.transform((v) => v === '' || v === '1');

const localDateTime = text.pipe(z.string().regex(/^\d{12}$/, 'a date-time is YYYYMMDDhhmm'));
const localDate = text.pipe(z.string().regex(/^\d{8}$/, 'a date is YYYYMMDD'));

/** A list that may be missing when there is nothing to list. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const siteInfoAnswer = z.looseObject({
  busname: text,
  phone: text,
  address: text,
  city: text,
  zip: text,
  usetimeslots: flag,
});

export const servicesAnswer = z.looseObject({
  services: list(
    z.looseObject({
      id,
      status: live,
      name: text,
      duration: count(0),
      price: text,
      can_ext: flag,
      ext_can_cancel: flag,
      min_cancel_period: count(0),
      min_create_period: count(0),
      max_create_period: count(0),
    }),
  ),
});
export type WireService = z.output<typeof servicesAnswer>['services'][number];

export const staffAnswer = z.looseObject({
  staff: list(
    z.looseObject({
      id,
      status: live,
      first: text,
      last: text,
      branch: text,
      /** Missing in some answers; when present, 0 marks an administrative user. */
      showorder: text,
    }),
  ),
});
export type WireStaff = z.output<typeof staffAnswer>['staff'][number];

export const staffServiceAnswer = z.looseObject({
  staffservice: list(z.looseObject({ staff: id, service: id, status: live })),
});

export const branchesAnswer = z.looseObject({
  branches: list(z.looseObject({ id, status: live, name: text, address: text, city: text })),
});

export const datesAnswer = z.looseObject({ dates: list(localDate) });

export const timesAnswer = z.looseObject({
  slots: list(z.looseObject({ id, vfib: text.pipe(z.string().min(1)), from: localDateTime, to: localDateTime, staff: id })),
  openhours: list(z.looseObject({ staff: id, date: localDateTime })),
  duration: count(0),
});
export type TimesAnswer = z.output<typeof timesAnswer>;

/** slotlist: how many places each slot has and how many are taken. */
export const slotListAnswer = z.looseObject({
  slots: list(z.looseObject({ id, status: live, maxmembers: count(1), participants: count(0) })),
});
export type SlotListAnswer = z.output<typeof slotListAnswer>;

const appointment = z.looseObject({
  id,
  slotid: text,
  status: text,
  from: localDateTime,
  to: localDateTime,
  staff: id,
  staffname: text,
  service: id,
  servicename: text,
  vfib: text,
  participants: count(1),
  iscoming: text,
});
export type WireAppointment = z.output<typeof appointment>;

export const appointmentAnswer = z.looseObject({ appt: z.array(appointment).min(1) });

/** appthistory: one snapshot per change; unlike apptinfo it carries iscoming and participants. */
export const historyAnswer = z.looseObject({
  history: list(z.looseObject({ id, iscoming: text, participants: count(1) })),
});

/** apptlist (short format); with `lu` and nothing new, `appts` is the text "no new information". */
export const appointmentListAnswer = z.looseObject({
  appts: z
    .union([z.array(appointment.extend({ cell: text })), z.string(), z.null()])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : [])),
});

export const doneAnswer = z.looseObject({});
