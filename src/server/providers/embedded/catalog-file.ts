import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { SitesConfigError } from '../../config/errors.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a key is lower-case letters, digits and dashes');
const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time is HH:MM, 00:00 to 24:00');
const instant = z.iso.datetime({ offset: true });

const service = z
  .object({
    key,
    name: z.string().min(1).max(200),
    durationMinutes: z.number().int().min(1).max(24 * 60),
    price: z.number().min(0).nullable().default(null),
    /** Start times fall on multiples of this from midnight. */
    gridMinutes: z.number().int().min(1).max(24 * 60).default(15),
    /** False: staff only (internal), never offered to customers. */
    public: z.boolean().default(true),
    customerCanCancel: z.boolean().default(true),
    cancelNoticeMinutes: z.number().int().min(0).default(0),
    minNoticeMinutes: z.number().int().min(0).default(0),
    maxDaysAhead: z.number().int().min(0).max(730).default(90),
  })
  .strict();

const hours = z
  .object({ days: z.array(z.number().int().min(0).max(6)).min(1), from: clock, to: clock, branch: key.optional() })
  .strict()
  .refine((h) => h.to > h.from, { message: 'to comes after from', path: ['to'] });

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
          .refine((t) => Date.parse(t.to) > Date.parse(t.from), { message: 'to comes after from', path: ['to'] }),
      )
      .default([]),
  })
  .strict();

/** A business on the embedded engine (docs/embedded.md). */
export const catalogFile = z
  .object({
    name: z.string().min(1).max(200),
    phone: z.string().max(40).optional(),
    address: z.string().max(300).optional(),
    calendar: z.literal('open').default('open'),
    branches: z.array(z.object({ key, name: z.string().min(1).max(200), address: z.string().max(300).optional() }).strict()).default([]),
    services: z.array(service).min(1),
    staff: z.array(member).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const known = (list: { key: string }[]) => new Set(list.map((x) => x.key));
    for (const [name, list] of [['services', file.services], ['staff', file.staff], ['branches', file.branches]] as const) {
      if (known(list).size !== list.length) ctx.addIssue({ code: 'custom', message: 'two entries share one key', path: [name] });
    }
    const services = known(file.services);
    const branches = known(file.branches);
    file.staff.forEach((s, i) => {
      s.services.forEach((k, j) => services.has(k) || ctx.addIssue({ code: 'custom', message: `no service "${k}"`, path: ['staff', i, 'services', j] }));
      if (s.branch && !branches.has(s.branch)) ctx.addIssue({ code: 'custom', message: `no branch "${s.branch}"`, path: ['staff', i, 'branch'] });
      s.hours.forEach((h, j) => h.branch && !branches.has(h.branch) && ctx.addIssue({ code: 'custom', message: `no branch "${h.branch}"`, path: ['staff', i, 'hours', j, 'branch'] }));
    });
  });
export type CatalogFile = z.output<typeof catalogFile>;

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
