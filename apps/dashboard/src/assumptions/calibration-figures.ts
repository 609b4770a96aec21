// The calibration residuals of the Miyagi baseline, copied from docs/calibration.md ("Targets and
// results" and the occupancy-by-area table) so the Assumptions page and the report can show
// them without the docs. When `npm run calibrate` changes those figures, docs/calibration.md is
// updated first (its "When the calibration test fails") and this module with it; the test beside
// this file checks the two still agree.
import type { Localized } from '../charts/labels';

export const CALIBRATION_SOURCE = {
  document: 'docs/calibration.md',
  command: 'npm run calibrate',
  ja: '宮城の基準シナリオ、10反復(0〜9)、乱数シード1、期待患者数から開始しウォームアップ90日、2025年7月1日からの365日を測定。県全体の反復平均、± は95%信頼区間の半幅。',
  en: 'Miyagi baseline, 10 replications (indices 0–9), seed 1, 90 warm-up days from the expected census, 365 measured days from 1 July 2025. Prefecture level on the replication mean; ± is the half-width of the 95 % CI.',
} as const;

export interface CalibrationFigure {
  figure: Localized;
  /** KPI key of the result documents */
  kpi: string;
  target: string;
  /** "before" of docs/calibration.md (commit c0d9bfa, 3 replications) */
  before: string;
  /** the committed baseline, 10 replications, with its 95 % CI */
  after: string;
  residual: Localized;
  /** tuned against the target (false: an untuned check) */
  tuned: boolean;
}

export const CALIBRATION_FIGURES: readonly CalibrationFigure[] = [
  {
    figure: {
      ja: '一般病床(高度急性期+急性期+回復期)',
      en: 'General beds pooled (high-acute + acute + recovery)',
    },
    kpi: 'occupancy.prefecture.general',
    target: '76 ± 3 %',
    before: '73.0 %',
    after: '76.9 ± 0.2 %',
    residual: { ja: '+0.9 ポイント', en: '+0.9 pt' },
    tuned: true,
  },
  {
    figure: { ja: '慢性期(療養)病床', en: 'Chronic (long-term care) beds' },
    kpi: 'occupancy.prefecture.chronic',
    target: '90 ± 3 %',
    before: '81.8 %',
    after: '90.1 ± 0.7 %',
    residual: { ja: '+0.1 ポイント', en: '+0.1 pt' },
    tuned: true,
  },
  {
    figure: { ja: '高度急性期', en: 'High-acute' },
    kpi: 'occupancy.prefecture.highAcute',
    target: '65–92 % (≈ 75 %)',
    before: '75.7 %',
    after: '75.8 ± 0.2 %',
    residual: { ja: '範囲内', en: 'in band' },
    tuned: true,
  },
  {
    figure: { ja: '急性期', en: 'Acute' },
    kpi: 'occupancy.prefecture.acute',
    target: '65–92 %',
    before: '69.7 %',
    after: '74.6 ± 0.2 %',
    residual: { ja: '範囲内', en: 'in band' },
    tuned: true,
  },
  {
    figure: { ja: '回復期', en: 'Recovery' },
    kpi: 'occupancy.prefecture.recovery',
    target: '65–92 %',
    before: '83.7 %',
    after: '86.5 ± 0.4 %',
    residual: { ja: '範囲内', en: 'in band' },
    tuned: true,
  },
  {
    figure: { ja: '119番通報から病院到着(搬送された全員)', en: 'Call → hospital, every transported patient' },
    kpi: 'ambulance.callToHospital.mean',
    target: '45.6 ± 2 min (FDMA 2023)',
    before: '46.6 min',
    after: '46.0 ± 0.1 min',
    residual: { ja: '+0.4 分', en: '+0.4 min' },
    tuned: true,
  },
  {
    figure: { ja: '119番通報から現場到着', en: 'Call → scene' },
    kpi: 'ambulance.response.mean',
    target: '10.0 min (FDMA 2023)',
    before: '8.5 min',
    after: '10.0 ± 0.0 min',
    residual: { ja: '0.0 分', en: '0.0 min' },
    tuned: true,
  },
  {
    figure: { ja: '高度急性期の1日あたり患者数(調整せず)', en: 'High-acute patients a day (untuned)' },
    kpi: 'bedsInUse.prefecture.highAcute',
    target: '≈ 1,500 (2,053 beds at ≈ 75 %)',
    before: '1,555',
    after: '1,556 ± 4',
    residual: { ja: '+4 %', en: '+4 %' },
    tuned: false,
  },
  {
    figure: { ja: '平均在院日数・一般病床(調整せず)', en: 'Average stay, general beds (untuned)' },
    kpi: 'alos.general',
    target: '15.7 d (2021)',
    before: '15.7 d',
    after: '15.5 ± 0.0 d',
    residual: { ja: '−0.2 日', en: '−0.2 d' },
    tuned: false,
  },
  {
    figure: { ja: '平均在院日数・療養病床(調整せず)', en: 'Average stay, long-term care beds (untuned)' },
    kpi: 'alos.chronic',
    target: '131.7 d (2021)',
    before: '131.7 d',
    after: '131.9 ± 0.9 d',
    residual: { ja: '+0.2 日', en: '+0.2 d' },
    tuned: false,
  },
  {
    figure: { ja: '人口10万人あたり年間入院(調整せず)', en: 'Admissions per 100,000 a year (untuned)' },
    kpi: 'admissions.perYearPer100k',
    target: '12,570–13,050 (Japan 2023–24)',
    before: '11,521',
    after: '12,266 ± 18',
    residual: { ja: '下限より −2.4 %', en: '−2.4 % below the low end' },
    tuned: false,
  },
  {
    figure: {
      ja: '搬送困難事案(受入れられた救急患者あたり、調整せず)',
      en: 'Difficult transports per accepted ambulance patient (untuned)',
    },
    kpi: 'difficultTransports.share',
    target: 'a few % (数 %)',
    before: '20.6 %',
    after: '4.1 ± 0.1 %',
    residual: { ja: '妥当な水準', en: 'plausible' },
    tuned: false,
  },
];

/** Occupancy by area and function of the calibrated baseline (%, ± half-width of the 95 % CI). */
export const AREA_OCCUPANCY: ReadonlyArray<{
  area: Localized;
  highAcute: string;
  acute: string;
  recovery: string;
  chronic: string;
}> = [
  {
    area: { ja: '仙南', en: 'Sennan' },
    highAcute: '96.3 ± 0.2',
    acute: '81.4 ± 0.8',
    recovery: '44.8 ± 1.3',
    chronic: '94.0 ± 1.6',
  },
  {
    area: { ja: '仙台', en: 'Sendai' },
    highAcute: '74.6 ± 0.2',
    acute: '76.1 ± 0.2',
    recovery: '97.9 ± 0.3',
    chronic: '100.0 ± 0.0',
  },
  {
    area: { ja: '大崎・栗原', en: 'Osaki-Kurihara' },
    highAcute: '99.0 ± 0.0',
    acute: '62.1 ± 0.3',
    recovery: '95.3 ± 1.2',
    chronic: '67.7 ± 1.9',
  },
  {
    area: { ja: '石巻・登米・気仙沼', en: 'Ishinomaki-Tome-Kesennuma' },
    highAcute: '99.4 ± 0.0',
    acute: '75.9 ± 0.5',
    recovery: '78.2 ± 1.4',
    chronic: '87.3 ± 1.5',
  },
];

/** The residual errors and weak points docs/calibration.md lists, in short. */
export const RESIDUALS: readonly Localized[] = [
  {
    ja: '人口10万人あたりの入院は12,266件で、全国値(12,570〜13,050)の下限より2.4%少ない(調整していない)。疾患別の入院率は全国推計を宮城のやや若い人口に当てたもの。',
    en: 'Admissions per 100,000 are 12,266, 2.4 % below the national 12,570–13,050 (untuned): national condition rates applied to Miyagi’s slightly younger population.',
  },
  {
    ja: '医療圏単位は調整の対象ではない: 仙台の回復期(97.9%)と慢性期(100%)は年間を通じて満床に近く、仙南の回復期は半分空いている(44.8%)。郡部の少ない高度急性期病床は常に満床に近く(96〜99%)、患者は仙台へ向かう。',
    en: 'Areas are not calibrated: Sendai’s recovery (97.9 %) and chronic (100 %) beds are full all year while Sennan’s recovery beds are half empty (44.8 %); the rural areas’ few high-acute beds are always full (96–99 %) and their patients go to Sendai.',
  },
  {
    ja: '季節: 7月から測った1年で回復期の稼働率は82%(秋)から95%(2月)まで動く。1年でない期間の結果はこの表と比べられない。',
    en: 'Seasons: measured from July, recovery occupancy runs from 82 % (autumn) to 95 % (February); a horizon that is not a whole year is not comparable with these figures.',
  },
  {
    ja: '転院待ち(1日約150人)は「7日待てば隣の医療圏の病床も探す」という推定の規則に依存し、調整された数字ではない。',
    en: 'Bed blocking (≈ 150 patients a day) depends on the 7-day widening rule, an estimate, not a calibrated figure.',
  },
  {
    ja: '搬送困難事案(4.1%)と受入不可は調整していない。全国の搬送困難事案は重症例に限った数なので比較は目安にとどまる。',
    en: 'Difficult transports (4.1 %) and refusals are untuned; the national 搬送困難事案 counts refer to severe cases only, so the comparison is loose.',
  },
];
