import type { Language } from '../../contract/index.ts';
import type { Messages } from './en.ts';

/** One module per language, so a page downloads only the language it shows; a language left out does not compile. */
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  he: () => import('./he.ts'),
  en: () => import('./en.ts'),
  nl: () => import('./nl.ts'),
  fr: () => import('./fr.ts'),
};

/** The languages loaded so far: a render finds them at once, where a Task would hand them over a task later. */
const loaded: Partial<Record<Language, Messages>> = {};

export async function loadMessages(lang: Language): Promise<Messages> {
  return (loaded[lang] ??= (await loaders[lang]()).default);
}

/** A language's messages when they are already loaded; `loadMessages` otherwise. */
export function loadedMessages(lang: Language): Messages | undefined {
  return loaded[lang];
}

export type { Messages };
