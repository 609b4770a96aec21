// Language of the page: Japanese by default, English on request (remembered per browser).
// `t` looks a message up and fills {placeholders}; number formats follow the language.
import { formatNumber, formatPercent } from '../charts/format';
import { intlLocale, type Lang, type Localized } from '../charts/labels';
import { en } from './en';
import { ja, type MessageKey } from './ja';

export type { Lang, MessageKey };

const STORAGE_KEY = 'caretwin.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en };
const listeners = new Set<(lang: Lang) => void>();
let current: Lang = 'ja';

function stored(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage may be off (private mode): Japanese
  }
}

/** Reads the remembered language and marks <html lang>. */
export function initLang(): Lang {
  current = stored();
  document.documentElement.lang = current;
  return current;
}

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered; the switch still applies to this page
  }
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible, so a typo shows. */
export function fill(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  return fill(dictionaries[current][key], vars);
}

export const localized = (text: Localized | undefined, fallback = ''): string =>
  text ? text[current] || text.ja || text.en : fallback;

export const fmt = {
  number: (value: number, digits = 0): string => formatNumber(value, current, digits),
  percent: (share: number, digits = 1): string => formatPercent(share, current, digits),
  dateTime: (iso: string | null): string =>
    iso
      ? new Date(iso).toLocaleString(intlLocale(current), { dateStyle: 'short', timeStyle: 'medium' })
      : '–',
};
