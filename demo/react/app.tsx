import { useEffect, useState, type ReactNode } from 'react';
import 'bookwell';
import type { BookedDetail } from 'bookwell/element';
import { BookwellWidget } from 'bookwell/react';

type Page = 'book' | 'wrapper' | 'hours';
type Language = 'he' | 'en';

const pages: { page: Page; href: string; title: string }[] = [
  { page: 'book', href: '?', title: 'Book' },
  { page: 'wrapper', href: '?page=wrapper', title: 'Book with bookwell/react (the React 18 way)' },
  { page: 'hours', href: '?page=hours', title: 'Opening hours' },
];

const pageOf = (search: string): Page => pages.find((p) => p.href === `?page=${new URLSearchParams(search).get('page')}`)?.page ?? 'book';

/** The app's own routes: a click changes the address without a reload and unmounts the other page. */
function useRoute(): [Page, (page: Page) => void] {
  const [page, setPage] = useState<Page>(() => pageOf(location.search));
  useEffect(() => {
    const back = () => setPage(pageOf(location.search));
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  const go = (next: Page) => {
    history.pushState(null, '', next === 'book' ? location.pathname : `${location.pathname}?page=${next}`);
    setPage(next);
  };
  return [page, go];
}

export function App() {
  const [page, go] = useRoute();
  const [lang, setLang] = useState<Language>('he');
  const [step, setStep] = useState('');
  const [time, setTime] = useState('');
  // Kept above the routes, so the bookings made before a route change stay listed.
  const [bookings, setBookings] = useState<BookedDetail[]>([]);
  const booked = (booking: BookedDetail) => setBookings((list) => [...list, booking]);

  /** The booking page around either way of rendering the element: the app's language buttons and what it heard. */
  const bookingPage = (widget: ReactNode) => (
    <section id="booking">
      <h2>Book an appointment</h2>
      <p role="group" aria-label="Language">
        <button type="button" id="lang-he" aria-pressed={lang === 'he'} onClick={() => setLang('he')}>
          עברית
        </button>{' '}
        <button type="button" id="lang-en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
          English
        </button>
      </p>
      {widget}
      <p>
        Step: <output id="step">{step || 'starting'}</output>, time: <output id="time">{time || 'none yet'}</output>
      </p>
    </section>
  );

  return (
    <>
      <header>
        <h1>Clinic Demo, a React 19 app</h1>
        <nav aria-label="App pages">
          <ul>
            {pages.map((p) => (
              <li key={p.page}>
                <a href={p.href} aria-current={page === p.page ? 'page' : undefined} onClick={(event) => (event.preventDefault(), go(p.page))}>
                  {p.title}
                </a>
              </li>
            ))}
            <li>
              <a href="/demo/">All demo pages</a>
            </li>
          </ul>
        </nav>
      </header>
      <main>
        {page === 'book' &&
          bookingPage(
            // React 19 sets these as the element's properties and listens to its events by name.
            <bookwell-widget
              site="demo-clinic"
              api={location.origin}
              lang={lang}
              onbookwell-step={(event) => setStep(event.step)}
              onbookwell-time={(event) => setTime(event.start)}
              onbookwell-booked={(event) => booked(event.booking)}
            />,
          )}
        {page === 'wrapper' &&
          bookingPage(
            // The same through the wrapper, which React 18 needs for properties and events.
            <BookwellWidget
              site="demo-clinic"
              api={location.origin}
              lang={lang}
              onStep={(event) => setStep(event.step)}
              onTime={(event) => setTime(event.start)}
              onBooked={(event) => booked(event.booking)}
            />,
          )}
        {page === 'hours' && (
          <section id="hours">
            <h2>Opening hours</h2>
            <p>Sunday to Thursday, 08:00 to 18:00.</p>
          </section>
        )}
        <h2>Booked in this app</h2>
        <ol id="bookings">
          {bookings.map((booking) => (
            <li key={booking.id} data-status={booking.status}>
              {booking.service.name}, {booking.start} ({booking.status})
            </li>
          ))}
        </ol>
      </main>
    </>
  );
}
