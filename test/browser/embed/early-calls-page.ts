/**
 * A business's page for the early-call tests (/widget.js starting the first calls, src/embed/early-calls.ts): widgets in
 * the page before the script runs, every fetch recorded with the file that made it, so a test tells /widget.js's calls
 * from the widget's own. Each test file is its own page: the tag must not be defined before the script runs.
 */
import type { CatalogResponse } from '../../../src/contract/index.ts';

export interface Fetched {
  method: string;
  url: string;
  body: string | undefined;
  /** `widget.js` when /widget.js made the call, `widget` when the widget's chunk did. */
  by: 'widget.js' | 'widget';
}

/** Answers a call differently (a failure), or undefined to let it through to the backend. */
export type Breaker = (call: Fetched) => Promise<Response> | undefined;

export function recordFetches(breaker: Breaker = () => undefined): Fetched[] {
  const fetched: Fetched[] = [];
  const real = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const by = /\/widget\.js[?:]/.test(new Error().stack ?? '') ? 'widget.js' : 'widget';
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const call: Fetched = { method: (init?.method ?? 'GET').toUpperCase(), url, body, by };
    fetched.push(call);
    return breaker(call) ?? real(input, init);
  };
  return fetched;
}

/** A service, staff member and branch that take the booking flow straight to the calendar. */
export async function calendarPreset(api: string, site: string): Promise<Record<string, string>> {
  const answer = await fetch(`${api}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site, catalog: true }),
  });
  const { catalog } = (await answer.json()) as { catalog: CatalogResponse };
  const service = catalog.services.find((s) => !s.groupBooking && s.staffIds.length > 0)!;
  const staff = catalog.staff.find((s) => s.id === service.staffIds[0])!;
  const branch = catalog.branches.find(
    (b) => (!service.branchIds.length || service.branchIds.includes(b.id)) && (!staff.branchIds?.length || staff.branchIds.includes(b.id)),
  );
  return { service: service.id, staff: staff.id, ...(branch ? { branch: branch.id } : {}) };
}

export function addWidget(attributes: Record<string, string>): HTMLElement {
  const widget = document.createElement('bookwell-widget');
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  document.body.append(widget);
  return widget;
}

export function addModuleScript(src: string): Promise<void> {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** The first bookable date in the widget's calendar, once it is there. */
export function bookableDate(widget: HTMLElement): HTMLButtonElement | null | undefined {
  return widget.shadowRoot?.querySelector('bookwell-calendar')?.shadowRoot?.querySelector<HTMLButtonElement>('button[data-available]');
}
