import type { Language } from '../../contract/common.ts';
import { escapeHtml } from '../../embed/pages.ts';
import type { MessageFacts, MessageTexts } from './facts.ts';
import { en } from './texts/en.ts';
import { fr } from './texts/fr.ts';
import { he } from './texts/he.ts';
import { nl } from './texts/nl.ts';

const texts: Record<Language, MessageTexts> = { he, en, nl, fr };

export const labelsFor = (lang: Language): MessageTexts['labels'] => texts[lang].labels;

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

interface Link {
  label: string;
  url: string;
  /** Drawn as the main button. */
  main?: boolean;
}

function linksOf(f: MessageFacts, t: MessageTexts): Link[] {
  const link = (label: string, url: string | undefined, main = false): Link[] => (url ? [{ label, url, main }] : []);
  switch (f.kind) {
    case 'reminder':
      return [...link(t.labels.coming, f.comingUrl, true), ...link(t.labels.notComing, f.notComingUrl), ...link(t.labels.manage, f.manageUrl)];
    case 'business_approval':
      return [...link(t.labels.approve, f.approveUrl, true), ...link(t.labels.decline, f.declineUrl)];
    case 'booked':
    case 'awaiting_approval':
    case 'approved':
      return link(t.labels.manage, f.manageUrl, true);
    default:
      return [];
  }
}

function detailsOf(f: MessageFacts, t: MessageTexts): [string, string][] {
  const business = f.kind.startsWith('business_');
  const rows: [string, string | undefined][] = [
    ...(business ? [[t.labels.customer, [f.customerName, f.customerCell, f.customerEmail].filter(Boolean).join(', ')] as [string, string]] : []),
    [t.labels.service, f.service],
    [t.labels.when, f.when],
    [t.labels.staff, f.staff],
    [t.labels.participants, f.participants > 1 ? String(f.participants) : undefined],
    [t.labels.where, business ? undefined : f.address],
    [t.labels.phone, business ? undefined : f.sitePhone],
    [t.labels.price, f.price],
    [t.labels.reference, f.reference],
  ];
  return rows.filter((r): r is [string, string] => Boolean(r[1]));
}

/** One message in its reader's language: the e-mail's subject, text and HTML (every value escaped) and the SMS. */
export function composeMessage(f: MessageFacts): ComposedMessage {
  const t = texts[f.lang];
  const subject = t.subject[f.kind](f);
  const lead = t.lead[f.kind](f);
  const details = detailsOf(f, t);
  const links = linksOf(f, t);
  const attached = !f.kind.startsWith('business_') && f.kind !== 'declined';

  const text = [
    lead,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    ...(links.length ? ['', ...links.map((l) => `${l.label}: ${l.url}`)] : []),
    ...(attached ? ['', t.labels.calendar] : []),
    '',
    f.siteName,
  ].join('\n');

  const button = (l: Link) =>
    `<a href="${escapeHtml(l.url)}" style="display:inline-block;margin:0 0 8px;padding:12px 18px;border-radius:6px;text-decoration:none;font-weight:600;${
      l.main ? 'background:#1d4ed8;color:#fff' : 'background:#eef2ff;color:#1d4ed8'
    }">${escapeHtml(l.label)}</a>`;
  const html = `<!doctype html>
<html lang="${f.lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;font:16px/1.5 system-ui,-apple-system,Segoe UI,Arial,sans-serif;color:#111">
<div dir="${t.dir}" style="max-width:560px;margin:0 auto">
<p>${escapeHtml(lead)}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${details
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:start;padding:2px 12px 2px 0;color:#555;font-weight:normal">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('')}</table>
${links.length ? `<p>${links.map(button).join(' ')}</p>` : ''}
${attached ? `<p style="color:#555">${escapeHtml(t.labels.calendar)}</p>` : ''}
<p style="color:#555">${escapeHtml(f.siteName)}</p>
</div></body></html>`;

  const sms = [t.sms[f.kind](f), ...links.map((l) => `${l.label}: ${l.url}`)].join('\n');
  return { subject, text, html, sms };
}

/** "Tuesday 1 December, 10:00" in the language, on the site's wall clock. */
export function writeWhen(lang: Language, timeZone: string, start: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: lang === 'en' ? 'h12' : 'h23',
  }).format(new Date(start));
}

export function writePrice(lang: Language, currency: string, amount: number | null | undefined): string | undefined {
  if (amount === null || amount === undefined || amount <= 0) return undefined;
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
}
