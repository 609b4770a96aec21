// A lever (policy) in words a planner reads, in Japanese or English: "仙台: 急性期 → 回復期 500床".
// Pure (names come in as functions), so the compare view, the report and tests share it.
import type { BedFunction, Policy, Scenario } from '@caretwin/scenario';
import { FUNCTION_NAMES, type Lang } from '../charts/labels';
import { formatNumber, formatPercent } from '../charts/format';

export interface Namers {
  area(id: string): string;
  hospital(id: string): string;
  condition?(id: string): string;
}

const fnName = (fn: BedFunction, lang: Lang): string => FUNCTION_NAMES[fn][lang];

function target(p: { hospital?: string; area?: string; base?: string }, names: Namers, lang: Lang): string {
  if (p.hospital) return names.hospital(p.hospital);
  if (p.area) return names.area(p.area);
  if (p.base) return lang === 'ja' ? `救急隊 ${p.base}` : `base ${p.base}`;
  return lang === 'ja' ? '全域' : 'whole region';
}

function beds(values: Partial<Record<BedFunction, number>>, lang: Lang): string {
  const unit = lang === 'ja' ? '床' : ' beds';
  return (Object.entries(values) as Array<[BedFunction, number]>)
    .map(([fn, n]) => `${fnName(fn, lang)} ${formatNumber(n, lang)}${unit}`)
    .join(lang === 'ja' ? '、' : ', ');
}

/** One line for one policy; `fromDay` is said when the lever does not act from day 0. */
export function describePolicy(policy: Policy, names: Namers, lang: Lang): string {
  const ja = lang === 'ja';
  const when = policy.fromDay ? (ja ? `(${policy.fromDay}日目から)` : ` (from day ${policy.fromDay})`) : '';
  switch (policy.kind) {
    case 'setBeds':
      return `${target(policy, names, lang)}: ${ja ? '病床を' : 'beds set to '}${beds(policy.beds, lang)}${ja ? 'に設定' : ''}${when}`;
    case 'convertBeds':
      return `${target(policy, names, lang)}: ${fnName(policy.from, lang)} → ${fnName(policy.to, lang)} ${formatNumber(policy.count, lang)}${ja ? '床を転換' : ' beds converted'}${when}`;
    case 'closeHospital':
      return ja
        ? `${names.hospital(policy.hospital)}を閉鎖${when}`
        : `${names.hospital(policy.hospital)} closed${when}`;
    case 'mergeHospitals': {
      const merged = policy.hospitals.map(names.hospital).join(ja ? '、' : ', ');
      return ja
        ? `${merged}を${names.hospital(policy.into)}に統合${when}`
        : `${merged} merged into ${names.hospital(policy.into)}${when}`;
    }
    case 'addHospital': {
      const total = Object.values(policy.hospital.beds).reduce((s, n) => s + n, 0);
      return ja
        ? `${policy.hospital.name.ja}を新設(${names.area(policy.hospital.area)}、${formatNumber(total, lang)}床)${when}`
        : `${policy.hospital.name.en} added (${names.area(policy.hospital.area)}, ${formatNumber(total, lang)} beds)${when}`;
    }
    case 'setAmbulances':
      return `${target(policy, names, lang)}: ${ja ? `救急車 ${formatNumber(policy.vehicles, lang)}台` : `${formatNumber(policy.vehicles, lang)} ambulances`}${when}`;
    case 'lengthOfStay': {
      const scope = [
        policy.function ? fnName(policy.function, lang) : '',
        policy.condition ? (names.condition?.(policy.condition) ?? policy.condition) : '',
      ]
        .filter(Boolean)
        .join(' / ');
      const change = formatPercent(policy.multiplier - 1, lang, 0);
      const signed = policy.multiplier >= 1 ? `+${change}` : change;
      return ja
        ? `在院日数 ${signed}${scope ? `(${scope})` : ''}${when}`
        : `length of stay ${signed}${scope ? ` (${scope})` : ''}${when}`;
    }
    case 'eligibility': {
      const parts: string[] = [];
      if (policy.failureRate !== undefined)
        parts.push(`${ja ? 'エラー率' : 'failure rate'} ${formatPercent(policy.failureRate, lang, 1)}`);
      if (policy.delayMinutes !== undefined)
        parts.push(
          `${ja ? '遅れ' : 'delay'} ${formatNumber(policy.delayMinutes, lang)}${ja ? '分' : ' min'}`,
        );
      if (policy.hospitalOutagesPerDay !== undefined)
        parts.push(
          `${ja ? '病院の障害' : 'hospital outages'} ${formatNumber(policy.hospitalOutagesPerDay, lang, 3)}${ja ? '/日' : '/day'}`,
        );
      if (policy.regionOutagesPerYear !== undefined)
        parts.push(
          `${ja ? '県全体の障害' : 'region-wide outages'} ${formatNumber(policy.regionOutagesPerYear, lang)}${ja ? '/年' : '/year'}`,
        );
      if (policy.proofShare !== undefined)
        parts.push(
          `${ja ? '資格確認書等' : 'settled with proof'} ${formatPercent(policy.proofShare, lang, 0)}`,
        );
      return `${ja ? 'オンライン資格確認' : 'Online eligibility checks'}: ${parts.join(ja ? '、' : ', ')}${when}`;
    }
    case 'travel': {
      const parts: string[] = [];
      if (policy.speedFactor !== undefined)
        parts.push(`${ja ? '走行速度' : 'speed'} ×${formatNumber(policy.speedFactor, lang, 2)}`);
      for (const [a, b] of policy.closedLinks ?? [])
        parts.push(`${ja ? '通行止め' : 'closed'} ${names.area(a)}–${names.area(b)}`);
      return `${ja ? '移動' : 'Travel'}: ${parts.join(ja ? '、' : ', ')}${when}`;
    }
    case 'bedBorrowing':
      return ja
        ? `上位機能の空床の融通: ${policy.enabled ? 'あり' : 'なし'}${when}`
        : `bed borrowing from higher functions ${policy.enabled ? 'on' : 'off'}${when}`;
  }
}

/** Scenario settings that change what is simulated (besides the policies), by name. */
export const SETTING_FIELDS = [
  'region',
  'year',
  'startDate',
  'warmupDays',
  'horizonDays',
  'replications',
  'seed',
  'demand.multiplier',
  'demand.maxMultiplier',
  'initialCensus',
] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

export const SETTING_NAMES: Record<SettingField, { ja: string; en: string }> = {
  region: { ja: '地域', en: 'region' },
  year: { ja: '将来推計人口の年', en: 'projection year' },
  startDate: { ja: '開始日', en: 'start date' },
  warmupDays: { ja: 'ウォームアップ(日)', en: 'warm-up days' },
  horizonDays: { ja: '期間(日)', en: 'horizon days' },
  replications: { ja: '反復回数', en: 'replications' },
  seed: { ja: '乱数シード', en: 'seed' },
  'demand.multiplier': { ja: '需要の倍率(式)', en: 'demand multiplier' },
  'demand.maxMultiplier': { ja: '需要倍率の上限', en: 'demand bound' },
  initialCensus: { ja: '初期患者', en: 'initial census' },
};

/** How the beds are filled at the start (initialCensus.mode), in words. */
export const INITIAL_CENSUS_NAMES: Record<string, { ja: string; en: string }> = {
  empty: { ja: '空床から開始', en: 'starts with empty beds' },
  expected: { ja: '定常状態の期待患者数で開始', en: 'starts at the expected steady-state census' },
  given: { ja: '指定した患者数で開始', en: 'starts at a given census' },
};

/** A setting's value as a planner reads it (a mode in words, not its code). */
export function settingText(field: SettingField, value: string, lang: Lang): string {
  if (field === 'initialCensus') return INITIAL_CENSUS_NAMES[value]?.[lang] ?? value;
  return value;
}

export function settingValue(scenario: Scenario, field: SettingField): string {
  switch (field) {
    case 'demand.multiplier':
      return scenario.demand.multiplier;
    case 'demand.maxMultiplier':
      return String(scenario.demand.maxMultiplier);
    case 'initialCensus':
      return scenario.initialCensus.mode;
    default:
      return String(scenario[field]);
  }
}
