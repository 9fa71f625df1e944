import type { Language } from '../../../contract/common.ts';
import { maskCell, maskEmail } from '../../booking/shown.ts';

/** The confirmation code message in the customer's language. */
export function codeMessage(lang: Language, siteName: string, code: string, minutes: number): { subject: string; text: string } {
  switch (lang) {
    case 'he':
      return {
        subject: `קוד אישור מ${siteName}`,
        text: `קוד האישור שלך לתור ב${siteName}: ${code}\nהקוד בתוקף ${minutes} דקות. אם לא קבעת תור, אפשר להתעלם מההודעה.`,
      };
    case 'nl':
      return {
        subject: `Je bevestigingscode van ${siteName}`,
        text: `Je bevestigingscode voor je afspraak bij ${siteName}: ${code}\nDe code is ${minutes} minuten geldig. Heb je geen afspraak gemaakt? Dan kun je dit bericht negeren.`,
      };
    case 'fr':
      return {
        subject: `Votre code de confirmation de ${siteName}`,
        text: `Votre code de confirmation pour votre rendez-vous chez ${siteName} : ${code}\nLe code est valable ${minutes} minutes. Si vous n'avez pas pris de rendez-vous, ignorez ce message.`,
      };
    case 'en':
      return {
        subject: `Your confirmation code from ${siteName}`,
        text: `Your confirmation code for your appointment at ${siteName}: ${code}\nThe code is valid for ${minutes} minutes. If you did not book, you can ignore this message.`,
      };
  }
}

/** Where a code went (the e-mail when there is one, as the notifier sends it), masked: "05•••••567", "j•••@example.com". */
export function maskRecipient(to: { cell?: string | null | undefined; email?: string | null | undefined }): string {
  return to.email ? maskEmail(to.email) : maskCell(to.cell ?? '');
}
