import * as z from 'zod/mini';
import { entityId, instant, named, participantCount, plainDate } from './common.ts';

const choice = {
  service: entityId,
  /** Omitted: any available staff member. */
  staff: z.optional(entityId),
  branch: z.optional(entityId),
  participants: z._default(participantCount, 1),
};

/** GET /v1/availability/dates: the dates with at least one bookable time, `from` and `to` inclusive. */
export const datesQuery = z.object({ ...choice, from: plainDate, to: plainDate });
export type DatesQuery = z.output<typeof datesQuery>;

export const datesResponse = z.object({ dates: z.array(plainDate) });
export type DatesResponse = z.infer<typeof datesResponse>;

/** GET /v1/availability/times: the bookable times of one date. */
export const timesQuery = z.object({ ...choice, date: plainDate });
export type TimesQuery = z.output<typeof timesQuery>;

export const bookableTime = z.object({
  start: instant,
  end: instant,
  /** Who the customer will see; null only where the platform does not say. */
  staff: z.nullable(named),
  /** Places left on a group slot; null for open calendars and private slots. */
  placesLeft: z.nullable(z.number().check(z.int())),
  /** Opaque and signed by the backend; the only thing a booking needs to name the time. */
  ref: z.string(),
});
export type BookableTime = z.infer<typeof bookableTime>;

export const timesResponse = z.object({ times: z.array(bookableTime) });
export type TimesResponse = z.infer<typeof timesResponse>;

/** The longest range one dates request may span, by calendar kind (the platforms' windows). */
export const maxRangeDays = { open: 31, slots: 60 } as const;
