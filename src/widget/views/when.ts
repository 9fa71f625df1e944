import { html, nothing } from 'lit';
import type { BookableTime, Language, SiteInfo } from '../../contract/index.ts';
import { clockTime, differentZone, fullDate, groupByPartOfDay, zoneName } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
import { customerZone } from './common.ts';

export interface MonthDates {
  month: string;
  dates: string[];
  /** When the month has nothing: the first free date after it, if any within the search window. */
  nextAvailable: string | null;
}

export interface DateStepInput {
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
  status: unknown;
  pick: (date: string) => void;
}

export function dateStep({ m, lang, site, today, month, chosen, loaded, loading, status, pick }: DateStepInput) {
  const empty = loaded && loaded.month === month && loaded.dates.length === 0;
  return html`
    <bookwell-calendar
      part="calendar"
      exportparts="day, selected, today, unavailable, month-title, month-button, grid"
      .month=${month}
      .today=${today}
      .available=${loaded?.month === month ? loaded.dates : []}
      .loading=${loading}
      .selected=${chosen}
      .lang=${lang}
      .weekStart=${site.weekStart}
      .labels=${{ previousMonth: m.previousMonth, nextMonth: m.nextMonth, unavailable: m.unavailable, today: m.today }}
    ></bookwell-calendar>
    ${status}
    ${empty
      ? html`<p>${m.noDatesThisMonth}</p>
          ${loaded.nextAvailable
            ? html`<button type="button" class="option" part="next-available" @click=${() => pick(loaded.nextAvailable ?? '')}>
                ${m.nextAvailable(fullDate(loaded.nextAvailable, lang))}
              </button>`
            : html`<p>${m.noDatesSoon}</p>`}`
      : nothing}
  `;
}

export function timeStep(m: Messages, lang: Language, site: SiteInfo, date: string, times: readonly BookableTime[], chosen: string | undefined, pick: (time: BookableTime) => void) {
  const own = customerZone();
  const elsewhere = differentZone(site.timezone, own, new Date(`${date}T12:00:00Z`));
  if (times.length === 0) return html`<p part="no-times">${m.noTimes}</p>`;
  return html`
    <p class="date">${fullDate(date, lang)}</p>
    ${elsewhere ? html`<p class="zone" part="timezone">${m.timesIn(zoneName(site.timezone, lang), zoneName(own, lang))}</p>` : nothing}
    ${groupByPartOfDay(times, site.timezone).map(
      ([part, group]) => html`<section class="times" aria-labelledby="part-${part}">
        <h3 id="part-${part}">${m.partOfDay[part]}</h3>
        <ul part="times">
          ${group.map(
            (time) => html`<li>
              <button type="button" class="option" part="time" aria-pressed=${time.ref === chosen ? 'true' : 'false'} @click=${() => pick(time)}>
                <span>${clockTime(time.start, lang, site.timezone)}</span>
                ${time.placesLeft === null ? nothing : html`<small>${m.placesLeft(time.placesLeft)}</small>`}
                ${elsewhere ? html`<small>${m.yourTime(clockTime(time.start, lang, own))}</small>` : nothing}
              </button>
            </li>`,
          )}
        </ul>
      </section>`,
    )}
  `;
}
