import type { BookwellWidget } from './bookwell-widget.ts';
import type { BookwellEventMap } from './events.ts';

/** What a host app may set on the element: its declared reactive properties (site, api, lang, …), so a new one is here at once. */
export type BookwellWidgetProperties = Partial<Pick<BookwellWidget, keyof (typeof BookwellWidget)['properties'] & keyof BookwellWidget>>;

/** The element's events as React 19 props (`onbookwell-booked={(event) => ...}` receives a BookwellBookedEvent). */
export type BookwellEventProps = { [Name in keyof BookwellEventMap as `on${Name}`]?: (event: BookwellEventMap[Name]) => void };
