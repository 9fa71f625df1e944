import { attributionKeys, type Attribution } from '../contract/index.ts';

/** The campaign parameters of a page address (`?utm_source=…&gclid=…`), each cut to what the API takes. */
export function attributionIn(search: string): Attribution {
  const params = new URLSearchParams(search);
  const out: Attribution = {};
  for (const key of attributionKeys) {
    // Control characters would make the API refuse the whole booking: they are dropped, not sent.
    const value = params
      .get(key)
      ?.replace(/[\u0000-\u001F\u007F]/g, '')
      .trim()
      .slice(0, 200);
    if (value) out[key] = value;
  }
  return out;
}

/** Read when the widget loads: a single-page app often drops the parameters from its address once it has started. */
const atLoad = attributionIn(globalThis.location?.search ?? '');

/** Where the visitor came from: the page's parameters now, else those it loaded with; undefined when none. */
export function pageAttribution(): Attribution | undefined {
  const now = attributionIn(globalThis.location?.search ?? '');
  const found = Object.keys(now).length > 0 ? now : atLoad;
  return Object.keys(found).length > 0 ? found : undefined;
}
