import type { BookwellWidget } from './bookwell-widget.ts';
import type { BookwellEventMap } from './events.ts';

/** What a host app may set on the element: its documented properties, each also an attribute of the same name. */
export type BookwellWidgetProperties = Partial<Pick<BookwellWidget, 'site' | 'api' | 'lang' | 'service' | 'staff' | 'branch' | 'theme' | 'manage'>>;

/** The element's events as React 19 props (`onbookwell-booked={(event) => ...}` receives a BookwellBookedEvent). */
export type BookwellEventProps = { [Name in keyof BookwellEventMap as `on${Name}`]?: (event: BookwellEventMap[Name]) => void };
