import * as z from 'zod/mini';
import { entityId } from './common.ts';

export const service = z.object({
  id: entityId,
  name: z.string(),
  durationMinutes: z.number().check(z.int(), z.positive()),
  /** Price in the site's currency, when the business shows one. */
  price: z.nullable(z.number()),
  /** True when the service is booked on group slots: the widget asks how many participants. */
  groupBooking: z.boolean(),
  /** The most participants one booking may bring (1 for a private service). */
  maxParticipants: z.number().check(z.int(), z.positive()),
  /** Staff who perform it, in display order. */
  staffIds: z.array(entityId),
  /** Branches where it is given; empty means every branch. */
  branchIds: z.array(entityId),
});
export type Service = z.infer<typeof service>;

export const staffMember = z.object({
  id: entityId,
  name: z.string(),
  /** Branches where they work, so choosing one narrows the other; absent or empty: every branch (or the platform does not say). */
  branchIds: z.optional(z.array(entityId)),
});
export type StaffMember = z.infer<typeof staffMember>;

export const branch = z.object({ id: entityId, name: z.string(), address: z.nullable(z.string()) });
export type Branch = z.infer<typeof branch>;

/** GET /v1/catalog: what the public may book. Staff are sorted as the business wants them shown. */
export const catalogResponse = z.object({
  services: z.array(service),
  staff: z.array(staffMember),
  branches: z.array(branch),
});
export type CatalogResponse = z.infer<typeof catalogResponse>;
