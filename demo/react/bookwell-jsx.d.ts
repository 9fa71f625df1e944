// What a React 19 app declares once so JSX knows <bookwell-widget>: its properties and its events as `onbookwell-…` props.
import type { BookwellEventProps, BookwellWidget, BookwellWidgetProperties } from 'bookwell/element';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'bookwell-widget': DetailedHTMLProps<HTMLAttributes<BookwellWidget>, BookwellWidget> & BookwellWidgetProperties & BookwellEventProps;
    }
  }
}
