import type { Language } from '../../contract/common.ts';
import { escapeHtml } from '../../embed/pages.ts';
import type { Decision, DecisionRefusal } from './decisions.ts';

interface PageTexts {
  dir: 'ltr' | 'rtl';
  ask: Record<Decision, string>;
  button: Record<Decision, string>;
  done: Record<Decision, string>;
  refused: Record<DecisionRefusal | 'not_pending', string>;
}

const texts: Record<Language, PageTexts> = {
  en: {
    dir: 'ltr',
    ask: { approve: 'Approve this booking?', decline: 'Decline this booking?' },
    button: { approve: 'Approve', decline: 'Decline' },
    done: { approve: 'Approved. The customer is told.', decline: 'Declined. The customer is told and the time is free again.' },
    refused: {
      invalid: 'This link is not valid.',
      used: 'This booking has already been answered; the link works once.',
      expired: 'This link has expired.',
      not_pending: 'This booking is no longer waiting for approval.',
    },
  },
  he: {
    dir: 'rtl',
    ask: { approve: 'לאשר את התור?', decline: 'לדחות את התור?' },
    button: { approve: 'אישור', decline: 'דחייה' },
    done: { approve: 'התור אושר. הלקוח/ה קיבל/ה הודעה.', decline: 'התור נדחה. הלקוח/ה קיבל/ה הודעה והזמן פנוי שוב.' },
    refused: {
      invalid: 'הקישור אינו תקף.',
      used: 'כבר ניתנה תשובה לתור הזה; הקישור פועל פעם אחת.',
      expired: 'תוקף הקישור פג.',
      not_pending: 'התור כבר לא ממתין לאישור.',
    },
  },
  nl: {
    dir: 'ltr',
    ask: { approve: 'Deze afspraak goedkeuren?', decline: 'Deze afspraak afwijzen?' },
    button: { approve: 'Goedkeuren', decline: 'Afwijzen' },
    done: { approve: 'Goedgekeurd. De klant krijgt bericht.', decline: 'Afgewezen. De klant krijgt bericht en de tijd is weer vrij.' },
    refused: {
      invalid: 'Deze link is niet geldig.',
      used: 'Deze afspraak is al beantwoord; de link werkt één keer.',
      expired: 'Deze link is verlopen.',
      not_pending: 'Deze afspraak wacht niet meer op goedkeuring.',
    },
  },
  fr: {
    dir: 'ltr',
    ask: { approve: 'Accepter ce rendez-vous ?', decline: 'Refuser ce rendez-vous ?' },
    button: { approve: 'Accepter', decline: 'Refuser' },
    done: { approve: 'Accepté. Le client est prévenu.', decline: 'Refusé. Le client est prévenu et le créneau est libre.' },
    refused: {
      invalid: "Ce lien n'est pas valide.",
      used: 'Ce rendez-vous a déjà reçu une réponse ; le lien ne sert qu’une fois.',
      expired: 'Ce lien a expiré.',
      not_pending: "Ce rendez-vous n'attend plus de validation.",
    },
  },
};

export const decidePageStyle =
  'body{font:17px/1.5 system-ui,sans-serif;margin:0;padding:1.25rem;color:#111}main{max-width:32rem;margin:0 auto}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}dd{margin:0}button{font:inherit;font-weight:600;padding:.8rem 1.4rem;min-height:48px;border-radius:6px;border:0;background:#1d4ed8;color:#fff}button.decline{background:#b91c1c}';

function page(lang: Language, title: string, body: string): string {
  const t = texts[lang];
  return `<!doctype html>
<html lang="${lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${decidePageStyle}</style></head><body><main>${body}</main></body></html>`;
}

/** The confirm page: opening a link (or a mail scanner fetching it) changes nothing; the button does. */
export function askPage(lang: Language, decision: Decision, details: [string, string][], action: string): string {
  const t = texts[lang];
  const rows = details.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return page(
    lang,
    t.ask[decision],
    `<h1>${escapeHtml(t.ask[decision])}</h1><dl>${rows}</dl><form method="post" action="${escapeHtml(action)}"><button type="submit" class="${decision}">${escapeHtml(t.button[decision])}</button></form>`,
  );
}

export function donePage(lang: Language, decision: Decision): string {
  const text = texts[lang].done[decision];
  return page(lang, text, `<h1 role="status">${escapeHtml(text)}</h1>`);
}

export function refusedPage(lang: Language, why: DecisionRefusal | 'not_pending'): string {
  const text = texts[lang].refused[why];
  return page(lang, text, `<h1 role="alert">${escapeHtml(text)}</h1>`);
}
