import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Language, SiteInfo } from '../../contract/index.ts';
import type { Messages } from '../i18n/en.ts';
import { businessBlock } from './business.ts';
import { calendarLinks, summary } from './common.ts';

export interface CodeInput {
  m: Messages;
  busy: boolean;
  /** A new code is on its way, or the server does not allow the next one yet. */
  resendWaits: boolean;
  problem: string | null;
  resendNote: string | null;
  sentTo: string;
  confirm: (code: string) => void;
  /** Null when the platform cannot send the code again. */
  resend: (() => void) | null;
}

/** One labelled input for the 6-digit code; the phone offers it from the message (one-time-code). */
export function codeForm({ m, busy, resendWaits, problem, resendNote, sentTo, confirm, resend }: CodeInput) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    if (!busy) confirm(input.value.replace(/\D/g, ''));
  };
  return html`<p>${m.pendingCode(sentTo)}</p>
    <form @submit=${onSubmit} novalidate part="form code-form">
      <div class="field">
        <label for="code">${m.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6"
          aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'code-error' : nothing} />
        ${problem ? html`<p class="error" id="code-error" part="field-error">${problem}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="confirm" aria-disabled=${busy ? 'true' : 'false'}>${m.confirm}</button>
        ${resend
          ? html`<button type="button" part="send-again" aria-disabled=${resendWaits ? 'true' : 'false'} @click=${() => !resendWaits && resend()}>${m.sendAgain}</button>`
          : nothing}
      </div>
      ${resendNote ? html`<p part="resend-note">${resendNote}</p>` : nothing}
    </form>`;
}

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
  ics: string;
  /** null: not copied yet; true: copied; false: the browser refused, so the link is shown to copy by hand. */
  copied: boolean | null;
  copy: () => void;
  again: () => void;
}

/** "d•••@example.com and 05•••••567", in the customer's language. */
export function recipients(lang: Language, sentTo: string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(sentTo);
}

/** What happened, first: booked and where the confirmation went, or that nothing is booked until the business says so. */
function lead(m: Messages, lang: Language, booking: Booking) {
  // Isolated, so "05•••••567" keeps its order inside a Hebrew sentence.
  const to = booking.sentTo?.length ? `\u2068${recipients(lang, booking.sentTo)}\u2069` : null;
  if (booking.status === 'confirmed') {
    return html`<div class="notice lead" part="result-message" tabindex="-1">
      <p><strong>${m.booked}</strong></p>
      ${to ? html`<p part="sent-to">${m.result.sentTo(to)}</p>` : nothing}
    </div>`;
  }
  if (booking.status === 'pending_approval') {
    return html`<div class="notice lead waiting" part="result-message" tabindex="-1">
      <p><strong>${m.result.approvalWait}</strong></p>
      <p part="sent-to">${to ? m.result.approvalTell(to) : m.result.approvalTellPlain}</p>
    </div>`;
  }
  if (booking.status === 'pending_code') return nothing;
  return html`<p class="notice" part="result-message" tabindex="-1">${m.status[booking.status]}</p>`;
}

/** The way back: the manage link as an action, and a copy of it to keep. */
function manageLink(m: Messages, booking: Booking, copied: boolean | null, copy: () => void) {
  const label = booking.status === 'confirmed' ? m.result.manage : m.result.manageRequest;
  return html`<section class="manage-link" part="manage-link" aria-label=${m.result.linkLabel}>
    <p class="hint">${m.result.keepLink}</p>
    <div class="actions start">
      <a class="button primary" part="manage" href=${booking.manageUrl} target="_blank" rel="noopener">${label}</a>
      <button type="button" part="copy-link" @click=${copy}>
        ${copied === true ? html`<span aria-hidden="true">✓</span> ${m.result.copied}` : m.result.copyLink}
      </button>
    </div>
    ${copied === false
      ? html`<label class="copy-by-hand"><span>${m.result.copyFailed}</span>
          <input part="link-text" readonly .value=${booking.manageUrl} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} /></label>`
      : nothing}
  </section>`;
}

export function resultStep({ m, lang, site, booking, address, price, code, ics, copied, copy, again }: ResultInput) {
  const booked = booking.status === 'confirmed' || booking.status === 'pending_approval';
  return html`
    ${lead(m, lang, booking)}
    ${booking.status === 'pending_code' ? code : nothing}
    <div class="result-card" part="appointment">
      ${summary(m, booking, lang, site, price)}
      ${businessBlock(m, { name: site.name, address, phone: site.phone })}
    </div>
    ${booked ? manageLink(m, booking, copied, copy) : nothing}
    ${booking.status === 'confirmed' ? calendarLinks(m, ics, booking.calendar?.google, booking.calendar?.outlook) : nothing}
    ${booking.status === 'pending_code' ? nothing : html`<button type="button" part="start-over" @click=${again}>${m.startOver}</button>`}
  `;
}
