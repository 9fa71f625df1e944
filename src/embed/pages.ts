/**
 * The HTML of the pages the backend serves around the widget: the iframe embed page and the manage page.
 * Pure functions of their inputs (the server route decides the headers); every value is escaped.
 */
import type { Language } from '../contract/common.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double-quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/** Attributes with no value are left out, so the widget sees only what was asked for. */
function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
}

/** The title of the booking page and of the iframe around it, in the widget's language. */
export const bookTitles: Record<Language, string> = { he: 'קביעת תור', en: 'Book an appointment', nl: 'Afspraak maken', fr: 'Prendre rendez-vous' };

/** The title of the manage page, as the widget's manage view names it. */
export const manageTitles: Record<Language, string> = { he: 'התור שלך', en: 'Your appointment', nl: 'Uw afspraak', fr: 'Votre rendez-vous' };

/** The only inline style of these pages; its hash goes into the page's style-src. */
export const pageStyle = 'html,body{margin:0;background:transparent}';

export interface EmbedPage {
  site: string;
  api: string;
  lang: Language;
  service?: string;
  staff?: string;
  branch?: string;
  theme?: string;
  /** The URL of the iframe bootstrap (src/embed/frame.ts as built). */
  script: string;
  /** The site's allowed origins: only these may talk to the frame. */
  origins: readonly string[];
}

export function embedPageHtml(page: EmbedPage): string {
  const widget = attributes({
    site: page.site,
    api: page.api,
    lang: page.lang,
    service: page.service,
    staff: page.staff,
    branch: page.branch,
    theme: page.theme,
  });
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(bookTitles[page.lang])}</title>
<style>${pageStyle}</style>
<script type="module" src="${escapeHtml(page.script)}"></script>
</head>
<body data-bookwell-origins="${escapeHtml(page.origins.join(' '))}">
<bookwell-widget${widget}></bookwell-widget>
</body>
</html>
`;
}

export interface ManagePage {
  api: string;
  /** The site, when the link names it (`/manage/?site=...`); `lang` is its language, for the page itself. */
  site?: string;
  lang?: Language;
  /** The URL of the script-tag widget (/widget.js). */
  script: string;
}

/** The page behind every manage link; the widget reads the booking's token from `#bookwell-manage=`. */
export function managePageHtml(page: ManagePage): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(manageTitles[page.lang ?? 'en'])}</title>
<style>${pageStyle}</style>
<script type="module" src="${escapeHtml(page.script)}"></script>
</head>
<body>
<bookwell-widget${attributes({ api: page.api, site: page.site })}></bookwell-widget>
</body>
</html>
`;
}
