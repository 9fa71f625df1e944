import { html, nothing, type TemplateResult } from 'lit';
import type { Language, ManageView } from '../../contract/index.ts';
import { appointmentTime } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
import { businessBlock, telHref } from './business.ts';
import { calendarLinks, summary } from './common.ts';

export interface ManageInput {
  m: Messages;
  lang: Language;
  view: ManageView;
  ics: string;
  busy: boolean;
  /** The customer asked to cancel once; the second button really cancels. */
  cancelAsked: boolean;
  status: TemplateResult | typeof nothing;
  /** The answer a reminder's link brought, still to be sent: it is the primary button, with the focus. */
  ready: 'yes' | 'no' | undefined;
  /** The code form of a booking waiting for its code; nothing otherwise. */
  code: TemplateResult | typeof nothing;
  answer: (attendance: 'yes' | 'no') => void;
  askCancel: () => void;
  /** "Keep my appointment": back from the cancel question, nothing changed. */
  keep: () => void;
  cancel: () => void;
  /** The link was switched off here; null while it still works. */
  revoked: boolean;
  revoke: () => void;
}

/** A refusal names the business's phone to call, as a link that dials it. */
function callLine(m: Messages, phone: string | undefined) {
  return phone ? html`<a href=${telHref(phone)} part="refusal-phone"><span dir="ltr">${phone}</span></a>` : nothing;
}

/** "Yes, I am coming" / "No": pressed shows the answer given; the link's answer, still to send, is the primary one. */
function answerButton(
  m: Messages,
  a: 'yes' | 'no',
  given: string,
  ready: 'yes' | 'no' | undefined,
  busy: boolean,
  answer: (a: 'yes' | 'no') => void,
) {
  const isReady = ready === a;
  return html`<button type="button" class=${isReady ? 'primary' : nothing} part=${isReady ? 'ready-answer' : nothing}
    aria-describedby=${isReady ? 'ready-note' : nothing} aria-pressed=${given === a ? 'true' : 'false'}
    aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && answer(a)}>${m[a]}</button>`;
}

export function manageStep({
  m,
  lang,
  view,
  ics,
  busy,
  cancelAsked,
  status,
  ready,
  code,
  answer,
  askCancel,
  keep,
  cancel,
  revoked,
  revoke,
}: ManageInput) {
  const { booking } = view;
  // Waiting for its code: the code form is what to do, not a refusal.
  const cancelReason = view.cancel.reason && booking.status !== 'pending_code' ? m.refusal[view.cancel.reason] : '';
  const attendanceThanks = m.attendanceThanks[booking.attendance];
  return html`
    ${businessBlock(m, { name: view.site.name, address: view.site.address, phone: view.site.phone })}
    <p part="status" tabindex="-1">${m.status[booking.status]}</p>
    ${summary(m, booking, lang, view.site)}
    ${code}
    ${status}
    ${
      view.attendance.allowed
        ? html`<fieldset part="attendance">
          <legend>${m.attendanceQuestion}</legend>
          ${ready ? html`<p id="ready-note" part="ready-note">${m.manageLink.fromReminder(m[ready])}</p>` : nothing}
          <div class="actions">
            ${answerButton(m, 'yes', booking.attendance, ready, busy, answer)}
            ${answerButton(m, 'no', booking.attendance, ready, busy, answer)}
          </div>
          ${attendanceThanks ? html`<p>${attendanceThanks}</p>` : nothing}
        </fieldset>`
        : nothing
    }
    ${
      view.cancel.allowed
        ? html`${view.cancelUntil ? html`<p>${m.cancelUntil(appointmentTime(view.cancelUntil, lang, view.site.timezone))}</p>` : nothing}
          ${
            cancelAsked
              ? html`<div part="cancel-question" role="group" aria-labelledby="cancel-question">
                <p id="cancel-question">${m.manageLink.cancelQuestion}</p>
                <div class="actions">
                  <button type="button" class="danger" part="cancel-confirm" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && cancel()}>${m.cancelSure}</button>
                  <button type="button" part="keep" @click=${keep}>${m.manageLink.keep}</button>
                </div>
              </div>`
              : html`<button type="button" class="danger-outline" part="cancel" @click=${askCancel}>${m.cancel}</button>`
          }`
        : cancelReason && booking.status !== 'cancelled'
          ? html`<p part="cancel-refused">${cancelReason} ${callLine(m, view.site.phone)}</p>`
          : nothing
    }
    ${
      booking.status === 'cancelled'
        ? revoked
          ? html`<p part="link-revoked" tabindex="-1">${m.manageLink.revoked}</p>`
          : html`<p>${m.manageLink.revokeWhy}</p>
            <button type="button" part="revoke" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && revoke()}>${m.manageLink.revoke}</button>`
        : nothing
    }
    ${booking.status === 'confirmed' ? calendarLinks(m, ics, view.calendar.google) : nothing}
  `;
}
