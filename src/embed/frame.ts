/**
 * The bootstrap of the embed page (/embed/{site}), which runs inside the host's iframe.
 * It defines the widget, and once the host helper says hello from one of the site's allowed origins,
 * tells that origin (and only it) the height the widget needs and every event the widget fires.
 * Without the helper nobody says hello: the page simply scrolls inside its fixed-height iframe.
 */
import '../widget/define.ts';
import {
  BookwellAttendanceEvent,
  BookwellBookedEvent,
  BookwellCancelledEvent,
  BookwellConfirmedEvent,
  BookwellDateEvent,
  BookwellFailedEvent,
  BookwellStepEvent,
  BookwellSubmitEvent,
  BookwellTimeEvent,
} from '../widget/events.ts';
import { isHello, type FrameMessage } from './messages.ts';

const forwardedEvents = [
  BookwellStepEvent,
  BookwellDateEvent,
  BookwellTimeEvent,
  BookwellSubmitEvent,
  BookwellBookedEvent,
  BookwellFailedEvent,
  BookwellConfirmedEvent,
  BookwellAttendanceEvent,
  BookwellCancelledEvent,
].map((event) => event.eventName);

/** The site's allowed origins, written by the server into the page (the same list as frame-ancestors). */
const allowedOrigins = new Set((document.body.dataset.bookwellOrigins ?? '').split(' ').filter(Boolean));

/** The host's origin, once it has said hello; until then nothing leaves this frame. */
let hostOrigin: string | undefined;

/** Events the widget fired before the hello (its first step), told once the host is known. */
const early: FrameMessage[] = [];

function tellHost(message: FrameMessage): void {
  if (hostOrigin) window.parent.postMessage(message, hostOrigin);
  else if (message.type === 'event' && early.length < 20) early.push(message);
}

/**
 * The height the widget needs now. Nothing while the page has nothing drawn (before the widget's first render, on a
 * slow phone): the host keeps the frame's space until then, instead of collapsing it and growing it again.
 */
function tellHeight(): void {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height > 0) tellHost({ bookwell: 1, type: 'resize', height });
}

addEventListener('message', (event) => {
  if (event.source !== window.parent || window.parent === window) return;
  if (!allowedOrigins.has(event.origin) || !isHello(event.data)) return;
  // The first origin to say hello is the host; a later hello from elsewhere cannot take it over.
  if (hostOrigin && hostOrigin !== event.origin) return;
  const first = !hostOrigin;
  hostOrigin = event.origin;
  tellHeight();
  if (first) for (const message of early.splice(0)) tellHost(message);
});

new ResizeObserver(tellHeight).observe(document.body);

/** The widget's events carry their data as own fields (step, booking, code, ...): those travel as the detail. */
function detailOf(event: Event): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (key !== 'isTrusted') detail[key] = value;
  return JSON.parse(JSON.stringify(detail)) as Record<string, unknown>;
}

for (const name of forwardedEvents) {
  document.addEventListener(name, (event) => tellHost({ bookwell: 1, type: 'event', name, detail: detailOf(event) }));
}
