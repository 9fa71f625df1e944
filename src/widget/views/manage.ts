import { html, nothing, type TemplateResult } from 'lit';
import type { Language, ManageView } from '../../contract/index.ts';
import { appointmentTime } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
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
  cancel: () => void;
}

export function manageStep({ m, lang, view, ics, busy, cancelAsked, status, answer, askCancel, cancel }: ManageInput) {
  const { booking } = view;
  const cancelReason = view.cancel.reason ? m.refusal[view.cancel.reason] : '';
  const attendanceThanks = m.attendanceThanks[booking.attendance];
  return html`
    <p part="status" tabindex="-1">${m.status[booking.status]}</p>
    ${summary(m, booking, lang, view.site)}
    ${status}
    ${view.attendance.allowed
      ? html`<fieldset part="attendance">
          <legend>${m.attendanceQuestion}</legend>
          <div class="actions">
            <button type="button" aria-pressed=${booking.attendance === 'yes' ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && answer('yes')}>${m.yes}</button>
            <button type="button" aria-pressed=${booking.attendance === 'no' ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && answer('no')}>${m.no}</button>
          </div>
          ${attendanceThanks ? html`<p>${attendanceThanks}</p>` : nothing}
        </fieldset>`
      : nothing}
    ${view.cancel.allowed
      ? html`${view.cancelUntil ? html`<p>${m.cancelUntil(appointmentTime(view.cancelUntil, lang, view.site.timezone))}</p>` : nothing}
          ${cancelAsked
            ? html`<button type="button" class="primary" part="cancel-confirm" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && cancel()}>${m.cancelSure}</button>`
            : html`<button type="button" part="cancel" @click=${askCancel}>${m.cancel}</button>`}`
      : cancelReason && booking.status !== 'cancelled'
        ? html`<p part="cancel-refused">${cancelReason}</p>`
        : nothing}
    ${booking.status === 'confirmed' ? calendarLinks(m, ics, view.calendar.google) : nothing}
  `;
}
