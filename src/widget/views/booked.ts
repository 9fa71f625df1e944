/**
 * What was booked, as the result screen and the manage view show it: the summary and "Add to calendar". In their
 * chunks, not the first screen's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Language, SiteInfo } from '../../contract/index.ts';
import { appointmentTime, clockTime, differentZone } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
import { customerZone } from './common.ts';

/** "Tuesday 1 December 2026 09:30", with the customer's own clock when they are in another timezone. */
export function whenText(m: Messages, start: string, lang: Language, site: Pick<SiteInfo, 'timezone'>): string {
  const own = customerZone();
  const at = appointmentTime(start, lang, site.timezone);
  return differentZone(site.timezone, own, new Date(start)) ? `${at} (${m.yourTime(clockTime(start, lang, own))})` : at;
}

/** What was booked, without anything the host page should not see. */
export function summary(m: Messages, booking: Booking, lang: Language, site: Pick<SiteInfo, 'timezone'>, price?: string): TemplateResult {
  return html`<dl part="summary">
    <dt>${m.summary.service}</dt><dd>${booking.service.name}</dd>
    ${booking.staff ? html`<dt>${m.summary.staff}</dt><dd>${booking.staff.name}</dd>` : nothing}
    ${booking.branch ? html`<dt>${m.summary.branch}</dt><dd>${booking.branch.name}</dd>` : nothing}
    <dt>${m.summary.when}</dt><dd>${whenText(m, booking.start, lang, site)}</dd>
    ${booking.participants > 1 ? html`<dt>${m.summary.participants}</dt><dd>${booking.participants}</dd>` : nothing}
    ${price ? html`<dt>${m.summary.price}</dt><dd part="price">${price}</dd>` : nothing}
    ${booking.reference ? html`<dt>${m.summary.reference}</dt><dd part="reference">${booking.reference}</dd>` : nothing}
  </dl>`;
}

/**
 * `file` is the calendar file's text, undefined when it is not known: its link is a data: link of its own, so
 * downloading it calls nothing and no address ever carries the token.
 */
export function calendarLinks(m: Messages, file: string | undefined, google: string | undefined, outlook?: string): TemplateResult {
  const ics = file ? `data:text/calendar;charset=utf-8,${encodeURIComponent(file)}` : '';
  return html`<section part="calendar-links" aria-labelledby="add-to-calendar">
    <h3 id="add-to-calendar">${m.addToCalendar}</h3>
    <div class="actions">
      ${ics ? html`<a class="button" href=${ics} download="appointment.ics">${m.icsLink}</a>` : nothing}
      ${google ? html`<a class="button" href=${google} target="_blank" rel="noopener">${m.googleLink}</a>` : nothing}
      ${outlook ? html`<a class="button" href=${outlook} target="_blank" rel="noopener">Outlook</a>` : nothing}
    </div>
  </section>`;
}
