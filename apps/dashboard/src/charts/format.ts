// Locale number formats for charts (Intl.NumberFormat, cached per locale and style).
import { intlLocale, type Lang } from './labels';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lang), options);
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return formatter(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** 0.953 → "95.3%" (ja) / "95.3%" (en) */
export function formatPercent(share: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  return formatter(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** Digits that keep about three significant figures for a magnitude. */
export function digitsFor(value: number): number {
  const a = Math.abs(value);
  if (a >= 100 || a === 0) return 0;
  if (a >= 10) return 1;
  return 2;
}
