/**
 * Timeslots calendar math, pure: how many places a slot has left and whether it may be offered.
 */

export interface SlotLoad {
  maxmembers: number;
  /** Participants of the slot's appointments that still hold their places. */
  taken: number;
  /** A lozamin appointment makes the whole slot unavailable. */
  blocked: boolean;
}

export function placesLeft(slot: SlotLoad): number {
  if (slot.blocked) return 0;
  return Math.max(0, slot.maxmembers - slot.taken);
}

export interface SlotOffer extends SlotLoad {
  start: number;
  /** Earliest and latest start allowed (min_create_period / max_create_period from now). */
  earliest: number;
  latest: number;
}

/** A slot is offered only when everyone asked for fits on it and it opens within the booking window. */
export function canOffer(slot: SlotOffer, participants: number): boolean {
  if (slot.start < slot.earliest || slot.start > slot.latest) return false;
  return placesLeft(slot) >= participants;
}

/** What the customer sees: places are shown on group slots only. */
export function shownPlaces(slot: SlotLoad): number | null {
  return slot.maxmembers > 1 ? placesLeft(slot) : null;
}
