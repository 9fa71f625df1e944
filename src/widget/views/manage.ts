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

export function manageStep({ m, lang, view, ics, busy, cancelAsked, status, answer, askCancel, keep, cancel, revoked, revoke }: ManageInput) {
  const { booking } = view;
  const cancelReason = view.cancel.reason ? m.refusal[view.cancel.reason] : '';
  const attendanceThanks = m.attendanceThanks[booking.attendance];
  return html`
    ${businessBlock(m, { name: view.site.name, address: view.site.address, phone: view.site.phone })}
    <p part="status" tabindex="-1">${m.status[booking.status]}</p>
    ${summary(m, booking, lang, view.site)}
    ${status}
    ${
      view.attendance.allowed
        ? html`<fieldset part="attendance">
          <legend>${m.attendanceQuestion}</legend>
          <div class="actions">
            <button type="button" aria-pressed=${booking.attendance === 'yes' ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && answer('yes')}>${m.yes}</button>
            <button type="button" aria-pressed=${booking.attendance === 'no' ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && answer('no')}>${m.no}</button>
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
