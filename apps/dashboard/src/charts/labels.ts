// Names that charts print, in both languages (a chart takes `lang`, so the dashboard and the
// standalone report draw the same words). Japanese planning terms are the originals.
import { BED_FUNCTIONS, type BedFunction } from '@caretwin/contracts';

export type Lang = 'ja' | 'en';
export interface Localized {
  ja: string;
  en: string;
}

/** The bed functions in the order every table and legend shows them (libs/contracts). */
export const BED_FUNCTION_ORDER: readonly BedFunction[] = BED_FUNCTIONS;

export const FUNCTION_NAMES: Record<BedFunction, Localized> = {
  highAcute: { ja: '高度急性期', en: 'High acute' },
  acute: { ja: '急性期', en: 'Acute' },
  recovery: { ja: '回復期', en: 'Recovery' },
  chronic: { ja: '慢性期', en: 'Chronic' },
};

/** BCP 47 tag for Intl formats. */
export const intlLocale = (lang: Lang): string => (lang === 'ja' ? 'ja-JP' : 'en-GB');

/** Words the charts themselves print (axis titles, legends). */
export const CHART_WORDS = {
  utilisation: { ja: '稼働率', en: 'Utilisation' },
  day: { ja: '日', en: 'Day' },
  simulatedDay: { ja: 'シミュレーション日(ウォームアップを含む)', en: 'Simulated day (warm-up included)' },
  dayAfterWarmup: { ja: 'ウォームアップ後の日数', en: 'Day after warm-up' },
  week: { ja: '週', en: 'Week' },
  logScale: { ja: '対数目盛', en: 'log scale' },
  kpis: { ja: '主な指標', en: 'Key indicators' },
  ci95: { ja: '95%信頼区間', en: '95% CI' },
  minMax: { ja: '最小〜最大', en: 'min–max' },
  mean: { ja: '平均', en: 'mean' },
  replications: { ja: '反復', en: 'replications' },
  noBeds: { ja: '病床なし', en: 'no beds' },
  noData: { ja: 'データなし', en: 'no data yet' },
  beds: { ja: '稼働病床数', en: 'Beds open' },
  need: { ja: '必要病床数(静的推計)', en: 'Static bed need' },
  staticCensus: { ja: '患者数(静的推計)', en: 'Census (static)' },
  simulatedCensus: { ja: '患者数(シミュレーション)', en: 'Census (simulated)' },
  bedsCount: { ja: '床', en: 'beds' },
  hospitalBeds: { ja: '病院(円の大きさ=病床数)', en: 'Hospitals (size = beds)' },
  occupancy: { ja: '稼働率', en: 'Occupancy' },
  noOccupancy: { ja: '稼働率なし(未実行)', en: 'no occupancy (not run)' },
  closedHospital: { ja: '閉鎖した病院(病床なし)', en: 'closed hospital (no beds)' },
  closed: { ja: '閉鎖', en: 'closed' },
  noReport: { ja: '報告なし', en: 'no report' },
  reported: { ja: '報告された稼働率', en: 'reported occupancy' },
  pi80: { ja: '80%予測区間', en: '80% prediction interval' },
  pi95: { ja: '95%予測区間', en: '95% prediction interval' },
  forecastMean: { ja: '予測の平均', en: 'forecast mean' },
  partialReport: { ja: '一部の病院のみ報告', en: 'not every hospital reported' },
  hospitalNoReport: { ja: '本日の報告がない病院', en: 'hospital without today’s report' },
  areas: { ja: '二次医療圏', en: 'Secondary medical areas' },
  selfSufficiency: { ja: '自己完結率', en: 'Self-sufficiency' },
  flowsBetween: {
    ja: '圏域間の入院患者の流れ(圏域内完結を除く)',
    en: 'Admissions crossing area borders (home → treating area)',
  },
  noFlows: { ja: '圏域をまたぐ入院なし', en: 'no admissions cross an area border' },
  leftRegion: { ja: '県外へ', en: 'left region' },
  minutes: { ja: '分', en: 'min' },
  threshold: { ja: '目標時間', en: 'threshold' },
  within: { ja: '目標内', en: 'within' },
  perReplication: { ja: '反復ごとの値', en: 'per replication' },
  target: { ja: '目標稼働率', en: 'target' },
  wholeRegion: { ja: '地域全体', en: 'Whole region' },
  daysOver95: { ja: '95%超の満床日数', en: 'Days over 95 % full' },
  horizon: { ja: '集計期間', en: 'horizon' },
  /** fewer beds than the static need (不足) / more (過剰) */
  short: { ja: '不足', en: 'short' },
  over: { ja: '過剰', en: 'over' },
  balanced: { ja: '過不足なし', en: 'matches need' },
} satisfies Record<string, Localized>;

export const word = (key: keyof typeof CHART_WORDS, lang: Lang): string => CHART_WORDS[key][lang];
