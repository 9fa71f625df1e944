import type { Language } from '../../contract/index.ts';
import type { Messages } from './en.ts';

/** One module per language, so a page downloads only the language it shows. */
export async function loadMessages(lang: Language): Promise<Messages> {
  switch (lang) {
    case 'he':
      return (await import('./he.ts')).default;
    case 'nl':
      return (await import('./nl.ts')).default;
    case 'fr':
      return (await import('./fr.ts')).default;
    default:
      return (await import('./en.ts')).default;
  }
}

export type { Messages };
