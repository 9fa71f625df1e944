import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Language, SiteInfo } from '../../contract/index.ts';
import { ApiProblem } from '../api/client.ts';
import { appointmentTime, clockTime, differentZone, price } from '../format.ts';
import type { Messages } from '../i18n/en.ts';

/** The customer's words for a failure. */
export function problemText(m: Messages, error: unknown): string {
  const code = error instanceof ApiProblem ? error.code : 'network';
  return m.errors[code] ?? m.errors.generic;
}

/** A price, or "Free" when it costs nothing. */
export function priceText(m: Messages, amount: number, currency: string, lang: Language): string {
  return amount === 0 ? m.free : price(amount, currency, lang);
}

/** A skeleton of a list of choices while it loads: the step keeps its shape, never an empty box. */
export function pending(m: Messages, rows = 3): TemplateResult {
  return html`<div class="skeleton" part="loading" aria-busy="true">
    <span class="sr">${m.loading}</span>
    ${Array.from({ length: rows }, () => html`<span class="bar option-bar" aria-hidden="true"></span>`)}
  </div>`;
}

/** Every failed load says what went wrong (an alert, so a screen reader hears it too) and offers to try again. */
export function failed(m: Messages, error: unknown, retry: () => void): TemplateResult {
  return html`<div class="failure" part="error">
    <p class="error" role="alert">${problemText(m, error)}</p>
    <button type="button" @click=${retry}>${m.retry}</button>
  </div>`;
}

export function customerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

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

/** The calendar file as a link of its own: downloading it calls nothing, so no address ever carries the token. */
export function calendarFileHref(file: string): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(file)}`;
}

/** `ics` is the calendar file's own (data:) link, empty when it is not known. */
export function calendarLinks(m: Messages, ics: string, google: string | undefined, outlook?: string): TemplateResult {
  return html`<section part="calendar-links" aria-labelledby="add-to-calendar">
    <h3 id="add-to-calendar">${m.addToCalendar}</h3>
    <div class="actions">
      ${ics ? html`<a class="button" href=${ics} download="appointment.ics">${m.icsLink}</a>` : nothing}
      ${google ? html`<a class="button" href=${google} target="_blank" rel="noopener">${m.googleLink}</a>` : nothing}
      ${outlook ? html`<a class="button" href=${outlook} target="_blank" rel="noopener">Outlook</a>` : nothing}
    </div>
  </section>`;
}
