import { html, nothing } from 'lit';
import type { Language, SiteInfo } from '../../contract/index.ts';
import { clockTime, shortDate } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
import type { Step } from '../steps/machine.ts';
import { priceText } from './common.ts';

export interface Choice {
  /** What it is ("Service"), said before its value to a screen reader. */
  what: string;
  value: string;
  /** The step that changes it, when the customer went through it (a preset one cannot be changed). */
  step: Step | undefined;
}

export interface ChoicesInput {
  m: Messages;
  lang: Language;
  site: SiteInfo;
  service: { name: string; price: number | null } | undefined;
  staff: string | null;
  branch: string | null;
  participants: number;
  date: string | undefined;
  start: string | undefined;
  /** The steps the customer can go back to. */
  history: readonly Step[];
  change: (step: Step) => void;
}

/** What is chosen so far, always in sight: service · staff · branch · date · time and the price; each a way back to change it. */
export function choicesSummary({ m, lang, site, service, staff, branch, participants, date, start, history, change }: ChoicesInput) {
  if (!service) return nothing;
  const back = (step: Step) => (history.includes(step) ? step : undefined);
  const when = start ? `${shortDate(date ?? '', lang)}, ${clockTime(start, lang, site.timezone)}` : date ? shortDate(date, lang) : '';
  const items: Choice[] = [
    { what: m.summary.service, value: service.name, step: back('service') },
    ...(staff ? [{ what: m.summary.staff, value: staff, step: back('staff') }] : []),
    ...(branch ? [{ what: m.summary.branch, value: branch, step: back('branch') }] : []),
    ...(participants > 1 ? [{ what: m.summary.participants, value: String(participants), step: back('participants') }] : []),
    ...(when ? [{ what: m.summary.when, value: when, step: back('when') }] : []),
  ];
  return html`<nav class="choices" part="choices" aria-label=${m.summaryLabel}>
    <ul>
      ${items.map(
        (item) => html`<li>
          ${
            item.step
              ? html`<button type="button" class="link" part="choice" aria-label=${m.change(item.what, item.value)} @click=${() => change(item.step!)}>${item.value}</button>`
              : html`<span part="choice">${item.value}</span>`
          }
        </li>`,
      )}
    </ul>
    ${service.price === null ? nothing : html`<span class="price" part="price"><span class="sr">${m.summary.price}: </span>${priceText(m, service.price * participants, site.currency, lang)}</span>`}
  </nav>`;
}
