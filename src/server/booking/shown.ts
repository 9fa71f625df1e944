import { createHash } from 'node:crypto';

/** Shows where a message went without giving the address away: "d•••@example.com". */
export function maskEmail(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 1)}•••@${domain}`;
}

/** "05•••••567": the first two and last three digits, so the customer knows their own number. */
export function maskCell(cell: string): string {
  if (cell.length <= 5) return '•'.repeat(cell.length);
  return `${cell.slice(0, 2)}${'•'.repeat(cell.length - 5)}${cell.slice(-3)}`;
}

/** Crockford's base32: no I, L, O or U, so a reference read out over the phone is not misheard. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A booking's reference where the platform has none of its own: 8 characters from its id ("K7Q2-M9XD"), short
 * enough to quote on the phone. The same in the widget, the manage view and every message.
 */
export function bookingReference(bookingId: string): string {
  const bytes = createHash('sha256').update(bookingId).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 8) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
