import type { Language } from '../../contract/index.ts';
import type { Messages } from './en.ts';

/** One module per language, so a page downloads only the language it shows; a language left out does not compile. */
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  he: () => import('./he.ts'),
  en: () => import('./en.ts'),
  nl: () => import('./nl.ts'),
  fr: () => import('./fr.ts'),
};

export async function loadMessages(lang: Language): Promise<Messages> {
  return (await loaders[lang]()).default;
}

export type { Messages };
