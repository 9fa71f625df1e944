import { html, nothing, type TemplateResult } from 'lit';
import type { BookableTime, Language, SiteInfo } from '../../contract/index.ts';
import { addMonthsToMonth, monthOf } from '../../contract/plain-date.ts';
import { clockTime, differentZone, fullDate, groupByPartOfDay, ownClock, zoneName } from '../format.ts';
import type { CalendarLabels } from '../calendar/bookwell-calendar.ts';
import type { Messages } from '../i18n/en.ts';
import { customerZone } from './common.ts';

/** How many months ahead the widget offers dates (and looks for the next free one): the booking window. */
export const bookingWindowMonths = 6;

export interface MonthDates {
  month: string;
  dates: string[];
  /** When the month has nothing: the first free date after it, if any within the booking window. */
  nextAvailable: string | null;
}

export interface WhenStepInput {
  m: Messages;
  lang: Language;
  site: SiteInfo;
  today: string;
  month: string;
  chosen: string | undefined;
  /** The last month's dates that arrived. */
  loaded: MonthDates | undefined;
  /** The visible month's dates are on their way. */
  loading: boolean;
  /** The dates could not be loaded: said in place, with its retry; no date is called unavailable. */
  datesFailed: TemplateResult | typeof nothing;
  /** The chosen date's times, or their skeleton or failure; nothing before a date is chosen. */
  times: TemplateResult | typeof nothing;
  notice: TemplateResult | typeof nothing;
  pick: (date: string) => void;
}

/** The calendar's words, one object per language: a new object at each render would make the calendar render again. */
const calendarLabels = new WeakMap<Messages, CalendarLabels>();
function labelsOf(m: Messages): CalendarLabels {
  let labels = calendarLabels.get(m);
  if (!labels)
    calendarLabels.set(m, (labels = { previousMonth: m.previousMonth, nextMonth: m.nextMonth, unavailable: m.unavailable, today: m.today }));
  return labels;
}

/** A month whose dates have not arrived: always the same array, for the same reason. */
const noDates: readonly string[] = [];

/** One screen for "when": the month grid, and beside it (below it on a phone) the chosen date's times. */
export function whenStep({ m, lang, site, today, month, chosen, loaded, loading, datesFailed, times, notice, pick }: WhenStepInput) {
  const empty = loaded && loaded.month === month && loaded.dates.length === 0;
  const failed = datesFailed !== nothing;
  return html`${notice}
    <div class="when">
      <div class="dates">
        ${datesFailed}
        <bookwell-calendar
          part="calendar"
          exportparts="day, selected, today, unavailable, month-title, month-button, grid"
          .month=${month}
          .today=${today}
          .lastMonth=${addMonthsToMonth(monthOf(today), bookingWindowMonths)}
          .available=${loaded?.month === month ? loaded.dates : noDates}
          .loading=${loading}
          .unknown=${failed}
          .selected=${chosen}
          .lang=${lang}
          .weekStart=${site.weekStart}
          .labels=${labelsOf(m)}
        ></bookwell-calendar>
        ${
          empty
            ? html`<div class="empty-month">
              <p>${m.noDatesThisMonth}</p>
              ${
                loaded.nextAvailable
                  ? html`<button type="button" class="option" part="next-available" @click=${() => pick(loaded.nextAvailable ?? '')}>
                    ${m.nextAvailable(fullDate(loaded.nextAvailable, lang))}
                  </button>`
                  : html`<p>${m.noDatesSoon}</p>`
              }
            </div>`
            : nothing
        }
      </div>
      <div class="slots" aria-live="off">${chosen ? times : html`<p class="hint">${m.chooseDate}</p>`}</div>
    </div>`;
}

/** Placeholders shaped like the times, while they load. */
export function timesSkeleton(m: Messages): TemplateResult {
  return html`<div class="skeleton" part="loading" aria-busy="true">
    <span class="sr">${m.loading}</span>
    <span class="bar short" aria-hidden="true"></span>
    <div class="time-grid" aria-hidden="true">${[0, 1, 2, 3, 4, 5].map(() => html`<span class="bar time-bar"></span>`)}</div>
  </div>`;
}

/** A time's name as a person says it: "19:00, 8 places left, 13:00 your time". */
function timeName(m: Messages, time: BookableTime, clock: string, own: string | null): string {
  return [clock, time.placesLeft === null ? '' : m.placesLeft(time.placesLeft), own ? m.yourTime(own) : ''].filter(Boolean).join(', ');
}

export function timesList(
  m: Messages,
  lang: Language,
  site: SiteInfo,
  date: string,
  times: readonly BookableTime[],
  chosen: string | undefined,
  pick: (time: BookableTime) => void,
) {
  const zone = customerZone();
  const elsewhere = differentZone(site.timezone, zone, new Date(`${date}T12:00:00Z`));
  const heading = html`<h3 class="date">${fullDate(date, lang)}</h3>`;
  if (times.length === 0) return html`${heading}<p part="no-times">${m.noTimes}</p>`;
  return html`
    ${heading}
    ${elsewhere ? html`<p class="zone" part="timezone">${m.timesIn(zoneName(site.timezone, lang), zoneName(zone, lang))}</p>` : nothing}
    ${groupByPartOfDay(times, site.timezone).map(
      ([part, group]) => html`<section class="times" aria-labelledby="part-${part}">
        <h4 id="part-${part}">${m.partOfDay[part]}</h4>
        <ul part="times">
          ${group.map((time) => {
            const clock = clockTime(time.start, lang, site.timezone);
            const own = elsewhere ? ownClock(time.start, lang, site.timezone, zone) : null;
            return html`<li>
              <button type="button" class="option time" part="time" aria-pressed=${time.ref === chosen ? 'true' : 'false'}
                aria-label=${timeName(m, time, clock, own)} @click=${() => pick(time)}>
                <span class="clock">${clock}</span>
                ${time.placesLeft === null ? nothing : html`<small>${m.placesLeft(time.placesLeft)}</small>`}
                ${own ? html`<small class="own">${m.yourTime(own)}</small>` : nothing}
              </button>
            </li>`;
          })}
        </ul>
      </section>`,
    )}
  `;
}
