/**
 * What /widget.js starts for each `<bookwell-widget>` on the page before the widget's chunk has arrived: the session
 * with the catalog, then, when the page's attributes fix the first step, that month's dates, and the language. On a
 * phone the chunk takes a round trip and its transfer, so the calls are done by the time the widget runs, instead of
 * leaving one after the other once it has. The widget takes each answer by its request (src/widget/api/early.ts); one
 * that fails is asked again there. Nothing here may import the widget's code: that would make /widget.js wait for it.
 */
import type { CatalogResponse, Language, SessionResponse } from '../contract/index.ts';
import type { EarlyCalls } from '../widget/api/early.ts';

type Globals = { [key: symbol]: unknown };
/** src/widget/api/early.ts finds the calls under the same registered symbol. */
const calls = ((globalThis as Globals)[Symbol.for('bookwell.early-calls')] ??= new Map()) as EarlyCalls;

/** The language chunks, fetched alongside the widget's so its first words are not another round trip later. */
const languages: Record<Language, () => Promise<unknown>> = {
  he: () => import('../widget/i18n/he.ts'),
  en: () => import('../widget/i18n/en.ts'),
  nl: () => import('../widget/i18n/nl.ts'),
  fr: () => import('../widget/i18n/fr.ts'),
};
const isLanguage = (lang: string | null | undefined): lang is Language => !!lang && Object.hasOwn(languages, lang);
const fetchLanguage = (lang: Language): Promise<unknown> => languages[lang]().catch(() => undefined);

export interface Preset {
  service: string | null;
  staff: string | null;
  branch: string | null;
}

type Staff = CatalogResponse['staff'][number];
const worksAt = (member: Staff | undefined, branch: string) => !member?.branchIds?.length || member.branchIds.includes(branch);

/**
 * The service, staff and branch of the first dates the booking flow asks (steps/machine.ts `start`), when the preset
 * leaves no step before the calendar; otherwise none. A wrong guess costs a call nobody takes, never a wrong answer.
 */
export function firstDatesChoice(catalog: CatalogResponse, preset: Preset): { service: string; staff?: string; branch?: string } | undefined {
  const service = catalog.services.find((s) => s.id === preset.service);
  if (!service || (service.groupBooking && service.maxParticipants > 1)) return undefined;
  let staff = preset.staff || undefined;
  if (!preset.staff) {
    const offered = catalog.staff.filter((s) => service.staffIds.includes(s.id) && (!preset.branch || worksAt(s, preset.branch)));
    if (offered.length > 1) return undefined;
    staff = offered[0]?.id;
  }
  let branch = preset.branch || undefined;
  if (!preset.branch) {
    const member = staff ? catalog.staff.find((s) => s.id === staff) : undefined;
    const places = catalog.branches.filter((b) => (!service.branchIds.length || service.branchIds.includes(b.id)) && worksAt(member, b.id));
    if (places.length > 1) return undefined;
    branch = places[0]?.id;
  }
  return { service: service.id, ...(staff ? { staff } : {}), ...(branch ? { branch } : {}) };
}

/** Today and the month's last day on the site's calendar, as the calendar's first month asks them. */
function thisMonth(timeZone: string): { from: string; to: string } {
  const from = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [year, month] = from.split('-').map(Number);
  return { from, to: new Date(Date.UTC(year!, month!, 0)).toISOString().slice(0, 10) };
}

/** Starts a request and keeps its JSON answer under `key`; a failure is only the widget's to see, when it takes it. */
function call(key: string, url: string, init: RequestInit): Promise<unknown> {
  const answer = fetch(url, init).then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))));
  answer.catch(() => undefined);
  calls.set(key, answer);
  return answer;
}

/** Starts a widget's calls; the promise settles when every one of them has its answer (or failed), its words too. */
function start(widget: Element): Promise<unknown> | undefined {
  const lang = widget.getAttribute('lang');
  const words = isLanguage(lang) ? fetchLanguage(lang) : undefined;
  const asked = startCalls(widget, lang);
  return asked && Promise.all([words, asked]);
}

function startCalls(widget: Element, lang: string | null): Promise<unknown> | undefined {
  const api = widget.getAttribute('api')?.replace(/\/+$/, '');
  const site = widget.getAttribute('site');
  // A manage link shows the manage view, which asks for no catalog.
  if (!api || !site || widget.hasAttribute('manage') || /(?:^#|&)bookwell-manage=/.test(location.hash)) return undefined;
  // The very request the widget's client makes (api/client.ts): the same body, so it finds this answer by it.
  const body = JSON.stringify({ site, catalog: true });
  const sessionKey = `POST ${api}/v1/session ${body}`;
  if (calls.has(sessionKey)) return undefined;
  const headers = { accept: 'application/json', 'content-type': 'application/json' };
  return call(sessionKey, `${api}/v1/session`, { method: 'POST', headers, body }).then(
    (answer) => {
      const { token, site: info, catalog } = answer as SessionResponse;
      const words = !isLanguage(lang) && isLanguage(info.locale) ? fetchLanguage(info.locale) : undefined;
      const preset = { service: widget.getAttribute('service'), staff: widget.getAttribute('staff'), branch: widget.getAttribute('branch') };
      // In a popup the calendar waits for the visitor; its dates are asked when it opens.
      const choice = catalog && !widget.hasAttribute('popup') && firstDatesChoice(catalog, preset);
      const shown = isLanguage(lang) ? lang : isLanguage(info.locale) ? info.locale : undefined;
      if (shown) setTimeout(() => prepareFirstRender(shown), 0);
      if (!choice) return words;
      const { from, to } = thisMonth(info.timezone);
      // The client's order of parameters (api/client.ts `query`): the same address is the same request.
      const query = new URLSearchParams({ service: choice.service, participants: '1', from, to });
      if (choice.staff) query.set('staff', choice.staff);
      if (choice.branch) query.set('branch', choice.branch);
      const url = `${api}/v1/availability/dates?${query}`;
      const authorization = `Bearer ${token}`;
      const dates = call(`GET ${url} ${authorization}`, url, { headers: { accept: 'application/json', authorization } }).catch(() => undefined);
      return Promise.all([words, dates]);
    },
    () => undefined,
  );
}

/**
 * The first date format a page makes loads the browser's calendar and time zone data: 35-140 ms on a phone's CPU
 * (Chromium at 4x throttling), once per page. Made while the session is on its way, it is paid while the page would
 * otherwise wait, instead of between the session's answer and the dates' request (`thisMonth`).
 */
function loadDateData(): void {
  new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(0);
}

/**
 * What the widget's first render would otherwise pay for, done once the dates' request has left and the page waits
 * for the widget's chunk: the first format in the widget's language loads that language's names (the calendar's day
 * labels, month title and weekdays), and the page's first touch of sessionStorage waits for the browser to hand the
 * tab's storage over (4-8 ms in a traced visit at 4x throttling; the widget looks there for a booking that waits for
 * its code, src/widget/resume.ts). Done earlier, with the session on its way, it held the session's answer back.
 */
function prepareFirstRender(lang: Language): void {
  // The options of a day's label (src/widget/format.ts `fullDate`), named again here: importing format.ts would bundle
  // a copy of it into /widget.js.
  new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(0);
  try {
    void sessionStorage.length;
  } catch {
    // Storage may be disabled; the widget then starts without it, as resume.ts does.
  }
}

/** Every widget already in the page: /widget.js runs once the page is parsed (a module script). */
export function startEarlyCalls(): void {
  const widgets = document.querySelectorAll('bookwell-widget');
  const started = [...widgets].map(start).filter((chain) => chain !== undefined);
  if (started.length) (globalThis as Globals)[Symbol.for('bookwell.early-calls-settled')] = Promise.all(started);
  // In a task of its own: the calls and the widget's chunk (script-tag.ts) have left by then.
  if (widgets.length) setTimeout(loadDateData, 0);
}
