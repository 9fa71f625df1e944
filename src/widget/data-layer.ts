import type { ReactiveController } from 'lit';
import type { BookwellEventMap } from './events.ts';
import type { WidgetElement } from './widget-host.ts';

type Pushed = Record<string, string | number | boolean | undefined>;

/**
 * What an analytics tool may learn of each event: the step, the date and time chosen, the service, the booking's
 * status, an error code. Named field by field, so nothing personal (name, phone, e-mail, notes, the manage token,
 * the booking id) can slip in when an event grows.
 */
const safeFields: { [name in keyof BookwellEventMap]: (event: BookwellEventMap[name]) => Pushed } = {
  'bookwell-step': (e) => ({ step: e.step }),
  'bookwell-date': (e) => ({ date: e.date }),
  'bookwell-time': (e) => ({ start: e.start, end: e.end }),
  'bookwell-submit': (e) => ({ start: e.start, serviceId: e.service.id, serviceName: e.service.name }),
  'bookwell-booked': (e) => ({
    status: e.booking.status,
    start: e.booking.start,
    serviceId: e.booking.service.id,
    serviceName: e.booking.service.name,
  }),
  'bookwell-failed': (e) => ({ code: e.code }),
  'bookwell-confirmed': (e) => ({
    status: e.booking.status,
    start: e.booking.start,
    serviceId: e.booking.service.id,
    serviceName: e.booking.service.name,
  }),
  'bookwell-attendance': (e) => ({ attendance: e.attendance }),
  'bookwell-cancelled': () => ({}),
};

/** The page's data layer; not declared globally, so the widget's types never clash with a host's own gtag types. */
const page = globalThis as { dataLayer?: unknown[] };

/** With `data-layer`, every event of the widget also goes to `window.dataLayer`, as Google Tag Manager reads it. */
export class DataLayerController implements ReactiveController {
  readonly #element: WidgetElement;

  constructor(element: WidgetElement) {
    this.#element = element;
    element.addController(this);
  }

  #push = (event: Event): void => {
    if (!this.#element.dataLayer) return;
    const fields = safeFields[event.type as keyof BookwellEventMap] as (e: Event) => Pushed;
    (page.dataLayer ??= []).push({ event: event.type, ...fields(event), site: this.#element.site });
  };

  hostConnected(): void {
    for (const name of Object.keys(safeFields)) this.#element.addEventListener(name, this.#push);
  }

  hostDisconnected(): void {
    for (const name of Object.keys(safeFields)) this.#element.removeEventListener(name, this.#push);
  }
}
