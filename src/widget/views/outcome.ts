import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Language, SiteInfo } from '../../contract/index.ts';
import type { Messages } from '../i18n/en.ts';
import { recipients } from '../format.ts';
import { businessBlock } from './business.ts';
import { calendarFileHref, calendarLinks, summary } from './common.ts';

// The code step is part of the result screen; the manage view shows it too, for a booking opened from its link.
export { codeForm } from './code.ts';

/** The result screen's words, per language: loaded with this module, not with the first screen. */
const en = {
  title: { confirmed: 'You are booked', pending_code: 'Confirm your booking', pending_approval: 'Request sent' },
  sentTo: (to: string) => `Confirmation sent to ${to}.`,
  approvalWait: 'Not booked yet: the business will look at your request and confirm it.',
  approvalTell: (to: string) => `You will hear at ${to} as soon as they decide.`,
  approvalTellPlain: 'You will hear from them as soon as they decide.',
  manage: 'Manage or cancel',
  manageRequest: 'See your request',
  keepLink: 'Keep this link to see or cancel your appointment.',
  copyLink: 'Copy link',
  copied: 'Copied',
  copiedNote: 'Link copied.',
  copyFailed: 'Copy the link from here:',
};

export type ResultWords = typeof en;

export const resultWords: Record<Language, ResultWords> = {
  en,
  he: {
    title: { confirmed: 'התור נקבע', pending_code: 'אישור התור', pending_approval: 'הבקשה נשלחה' },
    sentTo: (to) => `האישור נשלח אל ${to}.`,
    approvalWait: 'התור עדיין לא נקבע: העסק יבדוק את הבקשה ויאשר אותה.',
    approvalTell: (to) => `עדכון יישלח אל ${to} ברגע שתתקבל החלטה.`,
    approvalTellPlain: 'העסק יעדכן אותך ברגע שתתקבל החלטה.',
    manage: 'ניהול או ביטול',
    manageRequest: 'צפייה בבקשה',
    keepLink: 'כדאי לשמור את הקישור: בעזרתו אפשר לראות את התור או לבטל אותו.',
    copyLink: 'העתקת הקישור',
    copied: 'הועתק',
    copiedNote: 'הקישור הועתק.',
    copyFailed: 'אפשר להעתיק את הקישור מכאן:',
  },
  nl: {
    title: { confirmed: 'Je afspraak staat', pending_code: 'Bevestig je afspraak', pending_approval: 'Aanvraag verstuurd' },
    sentTo: (to) => `Bevestiging verstuurd naar ${to}.`,
    approvalWait: 'Nog niet geboekt: het bedrijf bekijkt je aanvraag en bevestigt die.',
    approvalTell: (to) => `Je hoort het via ${to} zodra ze beslissen.`,
    approvalTellPlain: 'Je hoort het van hen zodra ze beslissen.',
    manage: 'Beheren of annuleren',
    manageRequest: 'Je aanvraag bekijken',
    keepLink: 'Bewaar deze link om je afspraak te bekijken of te annuleren.',
    copyLink: 'Link kopiëren',
    copied: 'Gekopieerd',
    copiedNote: 'Link gekopieerd.',
    copyFailed: 'Kopieer de link hier:',
  },
  fr: {
    title: { confirmed: 'Rendez-vous réservé', pending_code: 'Confirmez votre rendez-vous', pending_approval: 'Demande envoyée' },
    sentTo: (to) => `Confirmation envoyée à ${to}.`,
    approvalWait: "Pas encore réservé : l'établissement va examiner votre demande et la confirmer.",
    approvalTell: (to) => `Vous serez prévenu à ${to} dès sa décision.`,
    approvalTellPlain: 'Vous serez prévenu dès sa décision.',
    manage: 'Gérer ou annuler',
    manageRequest: 'Voir votre demande',
    keepLink: 'Gardez ce lien pour voir ou annuler votre rendez-vous.',
    copyLink: 'Copier le lien',
    copied: 'Copié',
    copiedNote: 'Lien copié.',
    copyFailed: 'Copiez le lien ici :',
  },
};

export interface ResultInput {
  m: Messages;
  lang: Language;
  site: SiteInfo;
  booking: Booking;
  /** The appointment's place: its branch's address, else the business's. */
  address: string | undefined;
  /** The price of what was booked, written out; undefined when the business shows none. */
  price: string | undefined;
  code: TemplateResult;
  /** null: not copied yet; true: copied; false: the browser refused, so the link is shown to copy by hand. */
  copied: boolean | null;
  copy: () => void;
  again: () => void;
}

/** What happened, first: booked and where the confirmation went, or that nothing is booked until the business says so. */
function lead(m: Messages, w: ResultWords, lang: Language, booking: Booking) {
  // Isolated, so "05•••••567" keeps its order inside a Hebrew sentence.
  const to = booking.sentTo?.length ? `\u2068${recipients(lang, booking.sentTo)}\u2069` : null;
  if (booking.status === 'confirmed') {
    return html`<div class="notice lead" part="result-message" tabindex="-1">
      <p><strong>${m.booked}</strong></p>
      ${to ? html`<p part="sent-to">${w.sentTo(to)}</p>` : nothing}
    </div>`;
  }
  if (booking.status === 'pending_approval') {
    return html`<div class="notice lead waiting" part="result-message" tabindex="-1">
      <p><strong>${w.approvalWait}</strong></p>
      <p part="sent-to">${to ? w.approvalTell(to) : w.approvalTellPlain}</p>
    </div>`;
  }
  if (booking.status === 'pending_code') return nothing;
  return html`<p class="notice" part="result-message" tabindex="-1">${m.status[booking.status]}</p>`;
}

/** The way back: the manage link as an action, and a copy of it to keep. */
function manageLink(w: ResultWords, booking: Booking, copied: boolean | null, copy: () => void) {
  const label = booking.status === 'confirmed' ? w.manage : w.manageRequest;
  return html`<section class="manage-link" part="manage-link" aria-label=${label}>
    <p class="hint">${w.keepLink}</p>
    <div class="actions start">
      <a class="button primary" part="manage" href=${booking.manageUrl} target="_blank" rel="noopener">${label}</a>
      <button type="button" part="copy-link" @click=${copy}>
        ${copied === true ? html`<span aria-hidden="true">✓</span> ${w.copied}` : w.copyLink}
      </button>
    </div>
    ${
      copied === false
        ? html`<label class="copy-by-hand"><span>${w.copyFailed}</span>
          <input part="link-text" readonly .value=${booking.manageUrl} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} /></label>`
        : nothing
    }
  </section>`;
}

/** The result screen's look travels with it (a style in the shadow root), so the first screen does not carry it. */
const look = html`<style>
  .lead { display: grid; gap: 0.25rem; padding-block: 0.25rem; }
  .lead p { margin: 0; }
  .lead.waiting { border-inline-start-style: dashed; }
  .result-card { display: grid; gap: var(--bookwell-space); padding: var(--bookwell-space); border: 1px solid var(--bookwell-border); border-radius: var(--bookwell-radius); }
  .result-card .business { border-block-start: 1px solid var(--bookwell-border); padding-block-start: var(--bookwell-space); }
  .manage-link { display: grid; gap: calc(var(--bookwell-space) / 2); }
  .manage-link .hint { margin: 0; }
  .actions.start { justify-content: flex-start; }
  a.button.primary { color: var(--bookwell-on-accent); background: var(--bookwell-accent); border-color: var(--bookwell-accent); }
  .copy-by-hand { display: grid; gap: 0.25rem; font-weight: normal; }
</style>`;

export function resultStep({ m, lang, site, booking, address, price, code, copied, copy, again }: ResultInput) {
  const booked = booking.status === 'confirmed' || booking.status === 'pending_approval';
  const w = resultWords[lang];
  return html`${look}
    ${lead(m, w, lang, booking)}
    ${booking.status === 'pending_code' ? code : nothing}
    <div class="result-card" part="appointment">
      ${summary(m, booking, lang, site, price)}
      ${businessBlock(m, { name: site.name, address, phone: site.phone })}
    </div>
    ${booked ? manageLink(w, booking, copied, copy) : nothing}
    ${
      booking.status === 'confirmed'
        ? calendarLinks(m, booking.calendar?.file ? calendarFileHref(booking.calendar.file) : '', booking.calendar?.google, booking.calendar?.outlook)
        : nothing
    }
    ${booking.status === 'pending_code' ? nothing : html`<button type="button" part="start-over" @click=${again}>${m.startOver}</button>`}
  `;
}
