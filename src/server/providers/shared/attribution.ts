import { attributionKeys, type Attribution } from '../../../contract/bookings.ts';

/** `utm_source=newsletter, gclid=abc`: the campaign parameters in a fixed order, or '' when there are none. */
export function attributionText(attribution: Attribution | undefined): string {
  if (!attribution) return '';
  return attributionKeys.flatMap((key) => (attribution[key] ? [`${key}=${attribution[key]}`] : [])).join(', ');
}

/**
 * The customer's notes with where they came from on a last line, for platforms that have no field for it:
 * the business sees both in the one place it reads. Undefined when there is neither.
 */
export function notesWithAttribution(notes: string | undefined, attribution: Attribution | undefined): string | undefined {
  const source = attributionText(attribution);
  const lines = [notes?.trim(), source && `Source: ${source}`].filter(Boolean);
  return lines.length > 0 ? lines.join('\n') : undefined;
}
