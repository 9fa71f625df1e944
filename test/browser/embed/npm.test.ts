/**
 * The npm way: the files package.json "exports" names for `bookwell` (dist/package/index.js, defines the tag) and
 * `bookwell/element` (dist/package/element.js, the class alone), as built by `npm run build`, with their dependencies
 * (lit, zod, ...) left as bare imports for the app's bundler, here the test runner's resolver.
 * (The addresses are kept out of the typechecker's sight: dist/ does not exist before the first build.)
 */
import { expect } from '@open-wc/testing';
import type * as ElementEntry from '../../../src/widget/index.ts';
import { startBackend } from './backend.ts';
import { bookToTheEnd, widgetUi, type UiCommand } from './widget-ui.ts';

const entries = { tag: '/dist/package/index.js', element: '/dist/package/element.js' };
let BookwellWidget: typeof ElementEntry.BookwellWidget;

before(async () => {
  await import(entries.tag);
  ({ BookwellWidget } = (await import(entries.element)) as typeof ElementEntry);
});

describe('embedding by npm import', () => {
  it('defines <bookwell-widget> with the class the element entry exports', () => {
    expect(customElements.get('bookwell-widget')).to.equal(BookwellWidget);
  });

  it('lets a host register the class under its own name', async () => {
    customElements.define('clinic-booking', class extends BookwellWidget {});
    const element = document.createElement('clinic-booking');
    expect(element).to.be.instanceOf(BookwellWidget);
  });

  it('books an appointment end to end', async function () {
    this.timeout(150_000);
    const api = await startBackend('embed-npm');
    const widget = document.createElement('bookwell-widget');
    widget.id = 'npm-clinic';
    widget.site = 'demo-clinic';
    widget.api = api;
    widget.lang = 'he';
    const booked: string[] = [];
    widget.addEventListener('bookwell-booked', (event) => booked.push(event.booking.status));
    document.body.append(widget);
    try {
      const message = await bookToTheEnd((command: UiCommand) => widgetUi('#npm-clinic', command), {
        customer: { firstName: 'Yael', lastName: 'Npm', cell: '0521234567', idNumber: '000000018' },
      });
      expect(message).to.be.a('string').and.not.equal('');
      expect(booked).to.deep.equal(['confirmed']);
    } finally {
      widget.remove();
    }
  });
});
