import * as z from 'zod';

/**
 * OnlineAfspraken's elements as the XML parser gives them (all text) turned into typed values (mapping.ts turns
 * them into Bookwell's). Unknown extra elements (custom fields) pass unread.
 */

/** Absent, empty or text. */
const text = z
  .string()
  .optional()
  .transform((v) => v ?? '');
/** A whole number sent as text; a blank is 0. */
const count = text.pipe(z.string().regex(/^-?\d*$/, 'a whole number')).transform((v) => (v === '' ? 0 : Number(v)));
const id = z.string().regex(/^\d+$/, 'an id');
const flag = text.transform((v) => v === '1');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const clock = z
  .string()
  .regex(/^\d{2}:\d{2}(:\d{2})?$/, 'hh:mm')
  .transform((v) => v.slice(0, 5));
/** `yyyy-mm-dd hh:mm:ss`, the site's wall clock. */
const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, 'yyyy-mm-dd hh:mm:ss');

export const agenda = z.looseObject({ Id: id, Name: text });

export const appointmentType = z.looseObject({
  Id: id,
  Name: text,
  /** Not in the document's field list but in its sample: 2 = switched off. Absent means on. */
  Status: text,
  SchedulingType: text,
  PriceType: text,
  Price: text,
  Duration: count,
  Buffer: count,
  MinTimeBeforeAppointment: count,
  MaxTimeBeforeAppointment: count,
  CanBeBookedByConsumer: flag,
  Capacity: count,
  /** Comma-separated resource ids (`187,188,189`) or empty. */
  ResourceId: text.transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d+$/.test(s)),
  ),
});
export type WireAppointmentType = z.infer<typeof appointmentType>;

export const resource = z.looseObject({ Id: id, Name: text, Status: text });
export type WireResource = z.infer<typeof resource>;

export const field = z.looseObject({ Id: text, Label: text, Key: z.string().min(1), Type: text, Required: flag });
export type WireField = z.infer<typeof field>;

export const bookableDay = z.looseObject({ Date: date });

export const bookableTime = z.looseObject({
  Date: date,
  StartTime: clock,
  EndTime: clock,
  ResourceId: text,
});
export type WireBookableTime = z.infer<typeof bookableTime>;

export const customer = z.looseObject({ Id: id, Email: text, Status: text });

/** setAppointment's answer. */
export const saved = z.looseObject({ Id: id, Status: text });

const assignment = z.looseObject({
  ResourceId: text,
  // The document says StartTime/FinishTime; live answers say AssignedStartTime/AssignedFinishTime.
  StartTime: text,
  AssignedStartTime: text,
});

export const appointment = z.looseObject({
  Id: id,
  AgendaId: text,
  Name: text,
  StartTime: wallTime,
  FinishTime: wallTime,
  AppointmentTypeId: text,
  CustomerId: text,
  Status: text,
  Label: text,
  Resources: z
    .union([assignment, z.array(assignment), z.literal(''), z.undefined()])
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])),
});
export type WireAppointment = z.infer<typeof appointment>;

export const confirmation = z.looseObject({ Required: flag });
