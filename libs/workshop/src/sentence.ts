// The plain-language sentence of a variant (issue 19): what the proposal does and what it changed
// significantly, in Japanese and English —
// 「仙台で急性期50床を回復期へ転換すると、転院待ちは38%減(95%CI 30–45%)、受入照会の断りに有意な変化なし」.
// Counts and times change relative to the baseline (difference ÷ a, the CI the same way);
// shares (occupancy, refused share) change in percentage points, since "−10 % of 80 %" reads as
// 72 % to some and 70 % to others. Only CIs that exclude 0 are called changes.
import type { BedFunction, Comparison, KpiDifference } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { BOARD_KPIS, HEADLINE_KPI_KEYS, meaningful, type BoardKpi } from './kpis';

export interface Localized {
  ja: string;
  en: string;
}

/** Names of the region's areas and hospitals (the id stands in when a region lacks one). */
export interface Namers {
  area(id: string): Localized;
  hospital(id: string): Localized;
  condition?(id: string): Localized;
}

const FUNCTION_NAMES: Record<BedFunction, Localized> = {
  highAcute: { ja: '高度急性期', en: 'high-acute' },
  acute: { ja: '急性期', en: 'acute' },
  recovery: { ja: '回復期', en: 'recovery' },
  chronic: { ja: '慢性期', en: 'chronic' },
};

const UNIT_WORDS: Record<BoardKpi['unit'], Localized> = {
  patientDays: { ja: '人日', en: ' patient-days' },
  percent: { ja: 'ポイント', en: ' points' },
  cases: { ja: '件', en: ' cases' },
  minutes: { ja: '分', en: ' min' },
  patients: { ja: '人', en: ' patients' },
};

type Lang = keyof Localized;
const LOCALE: Record<Lang, string> = { ja: 'ja-JP', en: 'en-GB' };

function num(x: number, lang: Lang, decimals = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(x);
}

const pct = (share: number, lang: Lang): string => {
  const x = share * 100;
  return `${num(x, lang, Number.isInteger(Math.round(x * 10) / 10) ? 0 : 1)}%`;
};

/** One policy as a phrase ending in する (ja) / a gerund (en), so several join into one clause. */
function phrase(p: Policy, names: Namers): Localized {
  const when: Localized = p.fromDay
    ? { ja: `${p.fromDay}日目から`, en: ` from day ${p.fromDay}` }
    : { ja: '', en: '' };
  const at = (q: { hospital?: string; area?: string; base?: string }): Localized =>
    q.hospital
      ? names.hospital(q.hospital)
      : q.area
        ? names.area(q.area)
        : q.base
          ? { ja: `救急隊${q.base}`, en: `base ${q.base}` }
          : { ja: '全域', en: 'the whole region' };
  const out = (ja: string, en: string): Localized => ({ ja: when.ja + ja, en: en + when.en });
  switch (p.kind) {
    case 'convertBeds': {
      const w = at(p);
      return out(
        `${w.ja}で${FUNCTION_NAMES[p.from].ja}${num(p.count, 'ja')}床を${FUNCTION_NAMES[p.to].ja}へ転換する`,
        `converting ${num(p.count, 'en')} ${FUNCTION_NAMES[p.from].en} beds to ${FUNCTION_NAMES[p.to].en} in ${w.en}`,
      );
    }
    case 'setAmbulances': {
      const w = at(p);
      return out(
        `${w.ja}の救急車を${num(p.vehicles, 'ja')}台にする`,
        `setting the ambulances in ${w.en} to ${num(p.vehicles, 'en')}`,
      );
    }
    case 'closeHospital': {
      const h = names.hospital(p.hospital);
      return out(`${h.ja}を閉鎖する`, `closing ${h.en}`);
    }
    case 'lengthOfStay': {
      const scope = [
        p.function ? FUNCTION_NAMES[p.function] : undefined,
        p.condition ? (names.condition?.(p.condition) ?? { ja: p.condition, en: p.condition }) : undefined,
      ].filter((x): x is Localized => x !== undefined);
      const change = Math.abs(p.multiplier - 1);
      const shorter = p.multiplier < 1;
      return out(
        `${scope.map((s) => s.ja).join('・')}${scope.length ? 'の' : ''}在院日数を${pct(change, 'ja')}${shorter ? '短縮' : '延長'}する`,
        `${shorter ? 'shortening' : 'lengthening'} ${scope.length ? `${scope.map((s) => s.en).join(' ')} ` : ''}stays by ${pct(change, 'en')}`,
      );
    }
    case 'eligibility':
      return p.failureRate !== undefined
        ? out(
            `オンライン資格確認のエラー率を${pct(p.failureRate, 'ja')}にする`,
            `setting the eligibility-check failure rate to ${pct(p.failureRate, 'en')}`,
          )
        : out('オンライン資格確認の条件を変更する', 'changing the eligibility checks');
    case 'setBeds': {
      const w = at(p);
      const beds = (Object.entries(p.beds) as Array<[BedFunction, number]>).map(([fn, n]) => ({
        ja: `${FUNCTION_NAMES[fn].ja}${num(n, 'ja')}床`,
        en: `${num(n, 'en')} ${FUNCTION_NAMES[fn].en}`,
      }));
      return out(
        `${w.ja}の病床を${beds.map((b) => b.ja).join('・')}にする`,
        `setting the beds in ${w.en} to ${beds.map((b) => b.en).join(', ')}`,
      );
    }
    case 'mergeHospitals': {
      const from = p.hospitals.map((h) => names.hospital(h));
      const into = names.hospital(p.into);
      return out(
        `${from.map((h) => h.ja).join('・')}を${into.ja}に統合する`,
        `merging ${from.map((h) => h.en).join(', ')} into ${into.en}`,
      );
    }
    case 'addHospital':
      return out(`${p.hospital.name.ja}を新設する`, `adding ${p.hospital.name.en}`);
    case 'travel': {
      const parts: Localized[] = [];
      if (p.speedFactor !== undefined)
        parts.push({
          ja: `走行速度を${num(p.speedFactor, 'ja', 2)}倍に`,
          en: `travel speed ×${num(p.speedFactor, 'en', 2)}`,
        });
      for (const [a, b] of p.closedLinks ?? [])
        parts.push({
          ja: `${names.area(a).ja}–${names.area(b).ja}間を通行止めに`,
          en: `closing ${names.area(a).en}–${names.area(b).en}`,
        });
      return out(
        `${parts.map((x) => x.ja).join('、') || '移動条件を変更'}する`,
        parts.length ? `changing travel (${parts.map((x) => x.en).join(', ')})` : 'changing travel',
      );
    }
    case 'bedBorrowing':
      return out(
        `上位機能の空床融通を${p.enabled ? '有効' : '無効'}にする`,
        `turning bed borrowing from higher functions ${p.enabled ? 'on' : 'off'}`,
      );
  }
}

/** What the proposal does: 「AしBすると」 / "A, B and C". */
function clause(policies: readonly Policy[], names: Namers): Localized {
  const parts = policies.map((p) => phrase(p, names));
  if (parts.length === 0) return { ja: '変更しないと', en: 'Changing nothing' };
  const last = parts.length - 1;
  // 連用形 joins the phrases: 「Aし、Bすると」.
  const ja = parts.map((p, i) => (i === last ? `${p.ja}と` : p.ja.replace(/する$/, 'し'))).join('、');
  const en =
    last === 0
      ? parts[0].en
      : `${parts
          .slice(0, last)
          .map((p) => p.en)
          .join(', ')} and ${parts[last].en}`;
  return { ja, en: en.charAt(0).toUpperCase() + en.slice(1) };
}

/** A significant difference in words: 「転院待ちは38%減(95%CI 30–45%)」 / "bed-blocking days −38% (95% CI 30–45%)". */
function effect(kpi: BoardKpi, d: KpiDifference): Localized {
  const relative = !kpi.share && d.a > 0;
  const scale = kpi.share ? 100 : relative ? 100 / d.a : 1;
  const value = d.difference * scale;
  const [m1, m2] = [Math.abs(d.lo * scale), Math.abs(d.hi * scale)].sort((x, y) => x - y);
  const decimals = Math.max(Math.abs(value), m2) >= 10 ? 0 : 1;
  const down = d.difference < 0;
  const unit: Localized = relative ? { ja: '%', en: '%' } : UNIT_WORDS[kpi.unit];
  const f = (x: number, lang: Lang) => num(x, lang, decimals);
  return {
    ja: `${kpi.noun.ja}は${f(Math.abs(value), 'ja')}${unit.ja}${down ? '減' : '増'}(95%CI ${f(m1, 'ja')}–${f(m2, 'ja')}${unit.ja})`,
    en: `${kpi.noun.en} ${down ? '−' : '+'}${f(Math.abs(value), 'en')}${unit.en} (95% CI ${f(m1, 'en')}–${f(m2, 'en')}${unit.en})`,
  };
}

/**
 * The variant's sentence from its significant differences among the board's KPIs, with the
 * headline KPIs that did not change said as such; when nothing changed significantly, it says so.
 */
export function variantSentence(
  policies: readonly Policy[],
  comparison: Comparison,
  names: Namers,
): Localized {
  const what = clause(policies, names);
  const changed: Localized[] = [];
  const unchanged: BoardKpi[] = [];
  for (const kpi of BOARD_KPIS) {
    const d = comparison.kpis[kpi.key];
    if (!d) continue;
    if (meaningful(d)) changed.push(effect(kpi, d));
    else if (HEADLINE_KPI_KEYS.includes(kpi.key)) unchanged.push(kpi);
  }
  if (changed.length === 0)
    return {
      ja: `${what.ja}、主要な指標に有意な変化なし`,
      en: `${what.en}: no significant change in any key figure`,
    };
  const ja = [...changed.map((c) => c.ja)];
  const en = [...changed.map((c) => c.en)];
  if (unchanged.length > 0) {
    ja.push(`${unchanged.map((k) => k.noun.ja).join('と')}に有意な変化なし`);
    en.push(`no significant change in ${unchanged.map((k) => k.noun.en).join(' or ')}`);
  }
  return { ja: `${what.ja}、${ja.join('、')}`, en: `${what.en}: ${en.join('; ')}` };
}
