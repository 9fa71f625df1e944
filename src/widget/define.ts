import { BookwellCalendar } from './calendar/bookwell-calendar.ts';
import { BookwellWidget } from './bookwell-widget.ts';

/** Registers a tag once: a page that loads the script twice must not throw. */
function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('bookwell-calendar', BookwellCalendar);
define('bookwell-widget', BookwellWidget);

declare global {
  interface HTMLElementTagNameMap {
    'bookwell-widget': BookwellWidget;
    'bookwell-calendar': BookwellCalendar;
  }
}

export { BookwellWidget, BookwellCalendar };
// Also brings the events' global typing (GlobalEventHandlersEventMap) to an app that imports only `bookwell`.
export type * from './events.ts';
export type * from './host-types.ts';
