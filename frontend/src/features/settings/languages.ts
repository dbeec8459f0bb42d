import type { SelectOption } from '../../components/form/Field';

// Languages offered for prompts and AI agents (BCP 47 primary tags). The server validates the value;
// a saved value outside this list is kept as an option so it is never changed by just opening the page.
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'nl', 'pt', 'pl', 'ru', 'uk', 'tr', 'sv'] as const;

export function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageOptions(current: string): SelectOption[] {
  const codes: string[] = [...LANGUAGES];
  if (current && !codes.includes(current)) codes.push(current);
  return codes.map((code) => ({ value: code, label: `${languageName(code)} (${code})` }));
}
