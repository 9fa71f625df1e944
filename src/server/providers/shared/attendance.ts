import type { Attendance } from '../../../contract/bookings.ts';

/**
 * "Are you coming?" as the platforms store it (Tor4You's iscoming, the engine's column):
 * 0 = not answered, 1 = coming, 2 = not coming.
 */
const codes = { unknown: 0, yes: 1, no: 2 } as const satisfies Record<Attendance, number>;

export type AttendanceCode = (typeof codes)[Attendance];

export function attendanceCode(answer: 'yes' | 'no'): 1 | 2 {
  return codes[answer];
}

/** Any other value (missing, empty, unknown) reads as not answered. */
export function attendanceOf(code: string | number | null | undefined): Attendance {
  const n = Number(code);
  return n === codes.yes ? 'yes' : n === codes.no ? 'no' : 'unknown';
}
