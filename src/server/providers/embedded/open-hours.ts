/**
 * Open calendar math, pure: which start times one staff member can take on one date.
 * Inputs are already loaded from the database; nothing here reads a clock or the database.
 */

/** [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A stretch of working hours on the date, in wall-clock minutes from local midnight. */
export interface Shift {
  startMinute: number;
  endMinute: number;
}

export interface OpenDayInput {
  shifts: readonly Shift[];
  /** The instant of a wall-clock minute of the date; null when it does not exist (clocks going forward). */
  instantOf: (minute: number) => number | null;
  durationMinutes: number;
  /** Start times fall on multiples of the grid counted from local midnight. */
  gridMinutes: number;
  /** Time off and appointments that still hold their time. */
  busy: readonly Interval[];
  /** Earliest and latest start allowed (min_create_period / max_create_period from now). */
  earliest: number;
  latest: number;
}

/** The free start instants of the date, ascending and without repeats. */
export function openStarts(input: OpenDayInput): number[] {
  const starts = new Set<number>();
  eachOpenStart(input, (start) => void starts.add(start));
  return [...starts].sort((a, b) => a - b);
}

/** Whether the date has any free start: a month of dates needs only this, and most dates answer at their first start. */
export function hasOpenStart(input: OpenDayInput): boolean {
  let found = false;
  eachOpenStart(input, () => {
    found = true;
    return false;
  });
  return found;
}

/** Calls `visit` with each free start in shift order (a start may repeat when shifts overlap); `false` stops. */
function eachOpenStart(input: OpenDayInput, visit: (start: number) => boolean | void): void {
  const duration = input.durationMinutes * 60_000;
  for (const shift of input.shifts) {
    const shiftStart = input.instantOf(shift.startMinute);
    const shiftEnd = input.instantOf(shift.endMinute);
    if (shiftStart === null || shiftEnd === null) continue;
    const first = Math.ceil(shift.startMinute / input.gridMinutes) * input.gridMinutes;
    for (let minute = first; minute < shift.endMinute; minute += input.gridMinutes) {
      const start = input.instantOf(minute);
      if (start === null) continue;
      const end = start + duration;
      // Real elapsed time decides the fit, so a shift across a clock change holds what it really holds.
      if (start < shiftStart || end > shiftEnd) continue;
      if (start < input.earliest || start > input.latest) continue;
      if (input.busy.some((b) => start < b.end && b.start < end)) continue;
      if (visit(start) === false) return;
    }
  }
}

/** Fair choice among the staff free at one time: each equally likely, using the injected random. */
export function pickFairly<T>(free: readonly T[], random: () => number): T {
  if (free.length === 0) throw new Error('pickFairly needs at least one choice');
  const index = Math.min(free.length - 1, Math.floor(random() * free.length));
  return free[index]!;
}
