// What a Vue 3 app declares once so templates know <bookwell-widget>: its properties as props, its events for `@bookwell-…`.
import type { BookwellEventMap, BookwellWidget, BookwellWidgetProperties } from 'bookwell/element';
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';

/** A custom element as Vue's template checker sees a component: props from its properties, emits from its events. */
type CustomElement<Element extends HTMLElement, Properties, Events extends { [Name in keyof Events]: Event }> = new () => Element & {
  $props: HTMLAttributes & Properties & PublicProps;
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'bookwell-widget': CustomElement<BookwellWidget, BookwellWidgetProperties, BookwellEventMap>;
  }
}
