import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { isValid } from '../../../contract/plain-date.ts';
import { SitesConfigError } from '../../config/errors.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a key is lower-case letters, digits and dashes');
const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time is HH:MM, 00:00 to 24:00');
const instant = z.iso.datetime({ offset: true });
const date = z.string().refine(isValid, 'a date is YYYY-MM-DD');
const days = z.array(z.number().int().min(0).max(6)).min(1);
const laterThanFrom = { message: 'to comes after from', path: ['to'] };

const service = z
  .object({
    key,
    name: z.string().min(1).max(200),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    price: z.number().min(0).nullable().default(null),
    /** Start times fall on multiples of this from midnight. */
    gridMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** False: staff only (internal), never offered to customers. */
    public: z.boolean().default(true),
    customerCanCancel: z.boolean().default(true),
    cancelNoticeMinutes: z.number().int().min(0).default(0),
    minNoticeMinutes: z.number().int().min(0).default(0),
    maxDaysAhead: z.number().int().min(0).max(730).default(90),
    /** Places on this service's slots when a slot names none (timeslots calendars; more than 1 = a group class). */
    places: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

const hours = z
  .object({ days, from: clock, to: clock, branch: key.optional() })
  .strict()
  .refine((h) => h.to > h.from, laterThanFrom);

const member = z
  .object({
    key,
    name: z.string().min(1).max(200),
    /** Display order, higher first; 0 = not offered to customers. */
    order: z.number().int().min(0).default(1),
    branch: key.optional(),
    services: z.array(key).default([]),
    hours: z.array(hours).default([]),
    timeOff: z
      .array(
        z
          .object({ from: instant, to: instant, reason: z.string().max(200).optional() })
          .strict()
          .refine((t) => Date.parse(t.to) > Date.parse(t.from), laterThanFrom),
      )
      .default([]),
  })
  .strict();

/** A slot of a timeslots calendar: every week on `days` (between firstDate and lastDate if given), or once on `date`. */
const slot = z
  .object({
    staff: key,
    /** Omitted: the slot takes any service its staff member performs. */
    service: key.optional(),
    days: days.optional(),
    firstDate: date.optional(),
    lastDate: date.optional(),
    date: date.optional(),
    from: clock,
    to: clock,
    places: z.number().int().min(1).max(1000).optional(),
    branch: key.optional(),
  })
  .strict()
  .refine((s) => s.to > s.from, laterThanFrom)
  .refine((s) => (s.days === undefined) !== (s.date === undefined), {
    message: 'a slot has either days (every week) or a date (once)',
    path: ['days'],
  })
  .refine((s) => s.date === undefined || (s.firstDate === undefined && s.lastDate === undefined), {
    message: 'firstDate and lastDate go with days',
    path: ['date'],
  })
  .refine((s) => !s.firstDate || !s.lastDate || s.lastDate >= s.firstDate, { message: 'lastDate is not before firstDate', path: ['lastDate'] });

/** A business on the embedded engine (docs/embedded.md). */
export const catalogFile = z
  .object({
    name: z.string().min(1).max(200),
    phone: z.string().max(40).optional(),
    address: z.string().max(300).optional(),
    /** open: times come from staff hours; slots: only the slots listed are offered. */
    calendar: z.enum(['open', 'slots']).default('open'),
    branches: z.array(z.object({ key, name: z.string().min(1).max(200), address: z.string().max(300).optional() }).strict()).default([]),
    services: z.array(service).min(1),
    staff: z.array(member).min(1),
    slots: z.array(slot).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    const known = (list: { key: string }[]) => new Set(list.map((x) => x.key));
    for (const [name, list] of [
      ['services', file.services],
      ['staff', file.staff],
      ['branches', file.branches],
    ] as const) {
      if (known(list).size !== list.length) issue('two entries share one key', [name]);
    }
    const services = known(file.services);
    const branches = known(file.branches);
    const branch = (k: string | undefined, path: (string | number)[]) => k && !branches.has(k) && issue(`no branch "${k}"`, path);
    file.staff.forEach((s, i) => {
      s.services.forEach((k, j) => services.has(k) || issue(`no service "${k}"`, ['staff', i, 'services', j]));
      branch(s.branch, ['staff', i, 'branch']);
      s.hours.forEach((h, j) => branch(h.branch, ['staff', i, 'hours', j, 'branch']));
      // Hours on a timeslots calendar would be ignored without a word: refused instead.
      if (file.calendar === 'slots' && s.hours.length > 0) issue('a timeslots calendar offers its slots, not hours', ['staff', i, 'hours']);
    });
    if (file.calendar === 'open' && file.slots.length > 0) issue('slots need "calendar": "slots"', ['slots']);
    const staff = new Map(file.staff.map((s) => [s.key, s]));
    file.slots.forEach((s, i) => {
      const member = staff.get(s.staff);
      if (!member) return issue(`no staff member "${s.staff}"`, ['slots', i, 'staff']);
      if (s.service !== undefined && !member.services.includes(s.service))
        issue(`${s.staff} does not perform "${s.service}"`, ['slots', i, 'service']);
      if (s.service === undefined && member.services.length === 0) issue(`${s.staff} performs no service`, ['slots', i, 'staff']);
      branch(s.branch, ['slots', i, 'branch']);
    });
  });
export type CatalogFile = z.output<typeof catalogFile>;
export type CatalogSlot = CatalogFile['slots'][number];

/** Reads and checks a catalog file at start; a wrong one stops the start with the file and the field named. */
export function readCatalogFile(file: string): CatalogFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SitesConfigError(`${file}: cannot read the catalog: ${(error as Error).message}`);
  }
  const result = catalogFile.safeParse(raw);
  if (result.success) return result.data;
  throw new SitesConfigError(result.error.issues.map((i) => `${file}: field "${i.path.join('.') || '(whole)'}": ${i.message}`).join('\n'));
}
