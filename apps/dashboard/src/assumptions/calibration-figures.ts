// The calibration residuals of the Miyagi baseline, copied from docs/calibration.md ("Targets and
// results", the fitted inquiry shares and the occupancy-by-area table) and docs/validation.md (hold-outs) so the Assumptions page
// and the report can show them without the docs. When `npm run calibrate` changes those figures, docs/calibration.md is
// updated first (its "When the calibration test fails") and this module with it; the test beside
// this file checks the two still agree.
import type { Localized } from '../charts/labels';

export const CALIBRATION_SOURCE = {
  document: 'docs/calibration.md',
  command: 'npm run calibrate',
  ja: '宮城の基準シナリオ、10反復(0〜9)、乱数シード1、期待患者数から開始しウォームアップ90日、2025年7月1日からの365日を測定。目標はすべて出典・年のある観測値(病院報告2023、宮城県2021、消防庁2023)。県全体の反復平均、± は95%信頼区間の半幅。調整に使わなかった観測値は docs/validation.md。',
  en: 'Miyagi baseline, 10 replications (indices 0–9), seed 1, 90 warm-up days from the expected census, 365 measured days from 1 July 2025. Every target is an observation with source and year (病院報告 2023, Miyagi 2021, FDMA 2023). Prefecture level on the replication mean; ± is the half-width of the 95 % CI. Observations kept out of the tuning: docs/validation.md.',
} as const;

export interface CalibrationFigure {
  figure: Localized;
  /** KPI key of the result documents (ambulance.mildShare is derived, docs/calibration.md) */
  kpi: string;
  target: string;
  /** "before" of docs/calibration.md (issue-15 packages landed, before tuning, 1 replication) */
  before: string;
  /** the committed baseline, 10 replications, with its 95 % CI */
  after: string;
  residual: Localized;
  /** tuned against the target (false: a hold-out of docs/validation.md, or fitted by another package) */
  tuned: boolean;
}

export const CALIBRATION_FIGURES: readonly CalibrationFigure[] = [
  {
    figure: {
      ja: '病床利用率 一般(高度急性期+急性期+回復期)',
      en: 'Bed utilisation, general beds (high-acute + acute + recovery)',
    },
    kpi: 'occupancy.prefecture.general',
    target: '69.3 % (病院報告 2023)',
    before: '73.9 %',
    after: '69.6 % ± 0.2',
    residual: { ja: '+0.3 ポイント', en: '+0.3 pt' },
    tuned: true,
  },
  {
    figure: { ja: '病床利用率 療養(慢性期)', en: 'Bed utilisation, long-term care (chronic) beds' },
    kpi: 'occupancy.prefecture.chronic',
    target: '83.1 % (病院報告 2023)',
    before: '88.4 %',
    after: '82.9 % ± 0.6',
    residual: { ja: '−0.2 ポイント', en: '−0.2 pt' },
    tuned: true,
  },
  {
    figure: { ja: '119番通報から病院収容(搬送された全員)', en: 'Call → hospital, every transported patient' },
    kpi: 'ambulance.callToHospital.mean',
    target: '44.9 min (宮城県 2021)',
    before: '43.7 min',
    after: '45.7 min ± 0.0',
    residual: { ja: '+0.8 分', en: '+0.8 min' },
    tuned: true,
  },
  {
    figure: {
      ja: '搬送人員のうち軽症(入院不要)の割合',
      en: 'Mild (not admitted) share of transported patients',
    },
    kpi: 'ambulance.mildShare',
    target: '31.3 % (宮城県 2021)',
    before: '50.3 %',
    after: '31.2 % ± 0.1',
    residual: { ja: '−0.1 ポイント(観測値に設定)', en: '−0.1 pt (set to the observation)' },
    tuned: true,
  },
  {
    figure: {
      ja: '初回照会で受入れ(重症以上、救急搬送の調整で当てはめ)',
      en: 'Accepted at the first inquiry (severe cases; fitted by the transport package)',
    },
    kpi: 'inquiries.firstAcceptedShare',
    target: '≤ 70.2 % (消防庁 2023)',
    before: '68.0 %',
    after: '68.7 % ± 0.2',
    residual: { ja: '上限内', en: 'within the bound' },
    tuned: false,
  },
  {
    figure: {
      ja: '照会4回以上(重症以上、救急搬送の調整で当てはめ)',
      en: '4 or more inquiries (severe cases; fitted by the transport package)',
    },
    kpi: 'inquiries.fourPlusShare',
    target: '≥ 8.2 % (消防庁 2023)',
    before: '7.7 %',
    after: '8.6 % ± 0.1',
    residual: { ja: '下限内', en: 'within the bound' },
    tuned: false,
  },
  {
    figure: {
      ja: '平均在院日数 一般(検証値、調整せず)',
      en: 'Average stay, general beds (hold-out, untuned)',
    },
    kpi: 'alos.general',
    target: '14.5 d (病院報告 2023)',
    before: '15.4 d',
    after: '14.5 d ± 0.0',
    residual: { ja: '0.0 日', en: '0.0 d' },
    tuned: false,
  },
  {
    figure: {
      ja: '平均在院日数 療養(検証値、調整せず)',
      en: 'Average stay, long-term care beds (hold-out, untuned)',
    },
    kpi: 'alos.chronic',
    target: '100.2 d (病院報告 2023)',
    before: '132.7 d',
    after: '124.9 d ± 0.7',
    residual: { ja: '+24.7 日(+25%)', en: '+24.7 d (+25 %)' },
    tuned: false,
  },
  {
    figure: {
      ja: '年間入院数 一般+療養(検証値、調整せず)',
      en: 'Admissions a year, general + long-term care beds (hold-out)',
    },
    kpi: 'admissions',
    target: '274,900 (病院報告 2023)',
    before: '266,090',
    after: '266,547 ± 303',
    residual: { ja: '−3.0%', en: '−3.0 %' },
    tuned: false,
  },
  {
    figure: { ja: '救急搬送人員(検証値、調整せず)', en: 'Ambulance transports a year (hold-out, untuned)' },
    kpi: 'ambulance.transported',
    target: '112,950 (消防庁 2023)',
    before: '122,362',
    after: '88,578 ± 167',
    residual: { ja: '−21.6%(転院搬送を含む観測値)', en: '−21.6 % (the observation includes transfers)' },
    tuned: false,
  },
  {
    figure: { ja: '病床利用率 一般 2019年(検証値)', en: 'Bed utilisation, general beds, 2019 (hold-out)' },
    kpi: 'occupancy.prefecture.general',
    target: '72.9 % (病院報告 2019)',
    before: '73.9 %',
    after: '69.6 % ± 0.2',
    residual: { ja: '−3.3 ポイント', en: '−3.3 pt' },
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
    highAcute: '95.8 ± 0.3',
    acute: '38.1 ± 0.2',
    recovery: '77.7 ± 1.3',
    chronic: '86.8 ± 2.6',
  },
  {
    area: { ja: '仙台', en: 'Sendai' },
    highAcute: '67.7 ± 0.1',
    acute: '65.9 ± 0.3',
    recovery: '97.5 ± 0.1',
    chronic: '99.8 ± 0.3',
  },
  {
    area: { ja: '大崎・栗原', en: 'Osaki-Kurihara' },
    highAcute: '98.8 ± 0.1',
    acute: '57.9 ± 0.5',
    recovery: '97.4 ± 0.2',
    chronic: '52.3 ± 0.9',
  },
  {
    area: { ja: '石巻・登米・気仙沼', en: 'Ishinomaki-Tome-Kesennuma' },
    highAcute: '99.2 ± 0.0',
    acute: '63.8 ± 0.6',
    recovery: '95.3 ± 0.1',
    chronic: '71.4 ± 1.5',
  },
];

/** The residual errors and weak points docs/calibration.md and docs/validation.md list, in short. */
export const RESIDUALS: readonly Localized[] = [
  {
    ja: '療養の平均在院日数は124.9日で、観測値100.2日(2023)より25%長い(調整に使っていない検証値)。利用率を83%に合わせると、病床機能報告の慢性期4,018床は病院報告の療養病床(約3,150床)より多いため長い在院が必要になる。',
    en: 'Long-term care ALOS is 124.9 d, 25 % above the observed 100.2 d (2023; a hold-out): meeting 83 % utilisation on the 病床機能報告’s 4,018 chronic beds, more than the 病院報告’s ≈ 3,150 療養 beds, takes longer stays.',
  },
  {
    ja: '医療圏単位は調整していない: 仙台の療養病床は通年ほぼ満床(99.8%、観測91.0%)、大崎・栗原は半分空き(52%、観測75%)、仙南の一般病床は57%(観測66%)。',
    en: 'Areas are not tuned: Sendai’s chronic beds are full all year (99.8 %, observed 91.0 %), Osaki-Kurihara’s half empty (52 %, observed 75 %), Sennan’s general beds at 57 % (observed 66 %).',
  },
  {
    ja: '救急搬送人員は年88,578人で、2023年の観測値112,950人(転院搬送を含む)より22%少ない(2021年の95,348人より7%少ない)。',
    en: 'Ambulance transports are 88,578 a year, 22 % below the observed 112,950 of 2023 (which includes inter-hospital transfers), 7 % below 2021’s 95,348.',
  },
  {
    ja: '回復期病床は94%、急性期病床は63%: 医療資源投入量がC2(600点)未満になった急性期の後半は空いた回復期病床へ転棟し、満床なら急性期病床で待つ(年約50万人日)。機能別の利用率の観測値はなく、回復期に残す5%の余裕は推計値。',
    en: 'Recovery beds are 94 % full, acute beds 63 %: the tail of an acute stay below C2 (600 points) moves to a free recovery bed, or waits in its acute bed when the ward is full (≈ 500,000 patient-days a year). No occupancy by bed function is observed; the 5 % kept free in recovery wards is an estimate.',
  },
  {
    ja: '季節: 1年でない期間の結果はこの表と比べられない。',
    en: 'Seasons: a horizon that is not a whole year is not comparable with these figures.',
  },
];
