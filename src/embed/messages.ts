/**
 * The postMessage protocol between the embed page (/embed/{site}, in an iframe) and the host helper (/embed.js).
 * Every message is a plain object tagged `bookwell: 1`; anything else, or from anyone else, is ignored.
 * Hand-written guards instead of zod: the host helper must stay under 2 KB gzip.
 */

/** Host → frame: "I am your parent, talk to me". The frame learns the host's exact origin from it. */
export interface HelloMessage {
  bookwell: 1;
  type: 'hello';
}

/** Frame → host: the height the widget needs now, in CSS pixels. */
export interface ResizeMessage {
  bookwell: 1;
  type: 'resize';
  height: number;
}

/** Frame → host: one of the widget's events, re-dispatched on the iframe element. */
export interface EventMessage {
  bookwell: 1;
  type: 'event';
  name: string;
  detail: unknown;
}

export type FrameMessage = ResizeMessage | EventMessage;

/** The widget's event names all start with `bookwell-`; nothing else may be dispatched on the host page. */
export const eventNamePattern = /^bookwell-[a-z][a-z-]{0,40}$/;

/** Heights beyond this are a broken or hostile frame, not a booking step. */
export const maxFrameHeight = 20_000;

type Untrusted = { bookwell?: unknown; type?: unknown; height?: unknown; name?: unknown; detail?: unknown };

function isTagged(data: unknown): data is Untrusted {
  return typeof data === 'object' && data !== null && (data as Untrusted).bookwell === 1;
}

export function isHello(data: unknown): data is HelloMessage {
  return isTagged(data) && data.type === 'hello';
}

export function asFrameMessage(data: unknown): FrameMessage | undefined {
  if (!isTagged(data)) return undefined;
  const message = data;
  if (message.type === 'resize') {
    const { height } = message;
    return typeof height === 'number' && Number.isFinite(height) && height >= 0 && height <= maxFrameHeight
      ? { bookwell: 1, type: 'resize', height }
      : undefined;
  }
  if (message.type === 'event') {
    return typeof message.name === 'string' && eventNamePattern.test(message.name)
      ? { bookwell: 1, type: 'event', name: message.name, detail: message.detail }
      : undefined;
  }
  return undefined;
}
