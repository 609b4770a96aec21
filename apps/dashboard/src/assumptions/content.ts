// What the Assumptions page (and the standalone report) says besides the figures: where the
// data come from, which inputs are published, derived, estimated or synthetic (docs/data.md
// "Files and how they are made"), how the model departs from the national formula, and its
// known limits. Japanese and English side by side in the data, so both languages say the same.
import type { Localized } from '../charts/labels';

export type InputKind = 'published' | 'derived' | 'estimated' | 'synthetic';

export const INPUT_KIND_NAMES: Record<InputKind, Localized> = {
  published: { ja: '公表値', en: 'published' },
  derived: { ja: '公表値から算出', en: 'derived' },
  estimated: { ja: '推定値', en: 'estimated' },
  synthetic: { ja: '合成データ', en: 'synthetic' },
};

export interface InputDescription {
  /** the InputLabel.input key of the result documents (region, municipalities, …) */
  input: string;
  name: Localized;
  kinds: InputKind[];
  detail: Localized;
}

/** Miyagi's inputs as docs/data.md describes them ([P] / [D] / [E] / [S]). */
export const INPUTS: readonly InputDescription[] = [
  {
    input: 'region',
    name: { ja: '医療圏・目標稼働率', en: 'Areas and target occupancy' },
    kinds: ['published', 'derived'],
    detail: {
      ja: '4つの二次医療圏と国の目標稼働率(高度急性期75%、急性期78%、回復期90%、慢性期92%)は公表値。圏域の隣接関係は市町村地図(国土数値情報 N03)から読み取ったもの。',
      en: 'The four secondary medical areas and the national target occupancy (high-acute 75 %, acute 78 %, recovery 90 %, chronic 92 %) are published; which areas border each other was read off the municipal map (MLIT N03).',
    },
  },
  {
    input: 'municipalities',
    name: { ja: '市町村の人口', en: 'Municipal population' },
    kinds: ['published', 'derived', 'estimated'],
    detail: {
      ja: '2020年国勢調査の人口と国立社会保障・人口問題研究所の将来推計(2023年推計、2040年まで)は公表値。男女・5歳階級の構成(2023年推計の区分に2018年推計の形を当てたもの)と重心は算出値、仙台市の5区の代表点は推定値。',
      en: '2020 census totals and the IPSS 2023 projections (to 2040) are published; the structure by sex and 5-year band (IPSS 2023 groups in IPSS 2018 shapes) and the centroids are derived; the points of Sendai’s five wards are estimates.',
    },
  },
  {
    input: 'hospitals',
    name: { ja: '病院', en: 'Hospitals' },
    kinds: ['synthetic', 'published'],
    detail: {
      ja: '医療圏ごと・機能ごとの稼働病床数は令和4年度病床機能報告の公表値(計19,196床)。病院ごとの一覧は公開されていないため、84の病院は合計がこの表に一致する合成データ(名前に「(仮)」)。病院ごとの結果は例示です。',
      en: 'Beds in use per area and function are the published 2022 bed-function report (19,196 beds). Hospital lists are not public here, so the 84 hospitals are synthetic, built to match that table exactly (names marked “Synthetic”): results per hospital are illustrations.',
    },
  },
  {
    input: 'ambulanceBases',
    name: { ja: '救急隊', en: 'Ambulance bases' },
    kinds: ['estimated'],
    detail: {
      ja: '全国の救急車台数(約6,700台)を人口で按分した124台を、市町村ごとの拠点に人口比で配置した推定値。',
      en: 'The national fleet (about 6,700 ambulances) scaled to Miyagi’s population gives 124 vehicles, placed one base per municipality by population: an estimate.',
    },
  },
  {
    input: 'conditions',
    name: { ja: '疾患と診療経路', en: 'Conditions and pathways' },
    kinds: ['derived', 'estimated'],
    detail: {
      ja: '8つの疾患の入院は、市町村の男女・5歳階級の人口 × 全国の入院率(受療率の年齢の形を宮城の入院実績に合わせたもの)から求める算出値で、病床数には合わせていない。予定入院の割合、救急搬送の割合、1日ごとの医療資源投入量、在院日数、転院・死亡の分岐は文献と全国統計に基づく推定値。',
      en: 'Admissions of the eight conditions are derived from municipal population by sex and 5-year band × national admission rates (the age curve of the Patient Survey scaled to Miyagi’s observed admissions), not fitted to the beds. Booked shares, ambulance shares, daily resource intensity, stays and branch shares are estimates from the literature and national statistics.',
    },
  },
  {
    input: 'arrivalProfiles',
    name: { ja: '到着パターン', en: 'Arrival profiles' },
    kinds: ['estimated'],
    detail: {
      ja: '時間帯・曜日ごとの入院の多さは全国の搬送統計の形に合わせた推定値。',
      en: 'Hour-of-day and day-of-week patterns follow the shape of national transport counts: estimates.',
    },
  },
  {
    input: 'transport',
    name: { ja: '搬送と受入照会', en: 'Transport and inquiries' },
    kinds: ['estimated'],
    detail: {
      ja: '走行速度、道路係数、現場滞在、照会1回あたりの時間、指令・出場の2.5分は推定値。救急車が出払うと119番は待つか、60分以内の他の拠点から応援が出る(待ち時間は模擬し、遅れの上乗せはしない)。受入照会は満床のほか処置困難・手術中・患者対応中・専門外・医師不在の理由で断られ、その率は病院の規模・機能・時間帯による推定値で、宮城の照会回数の分布(消防庁 令和5年)に合わせて調整した。',
      en: 'Speed, road factor, time on scene, minutes per refused inquiry and 2.5 min for dispatch and turn-out are estimates. When an area’s ambulances are all out a call waits, or a free vehicle within 60 min comes from another base (mutual aid): the wait is simulated, not added as a delay. Inquiries are refused for want of a bed or for treatment difficulty, surgery or other patients, specialty or no doctor, at rates by hospital size, capability and hour that are estimates tuned to Miyagi’s inquiry counts (FDMA 2023).',
    },
  },
  {
    input: 'eligibility',
    name: { ja: 'オンライン資格確認', en: 'Online eligibility checks' },
    kinds: ['estimated'],
    detail: {
      ja: 'エラー率は公表されていないため、既定値は本人のエラー・病院や県全体のシステム障害とも0(影響なし)。エラー時は資格確認書か被保険者資格申立書で通常の負担(95%、推定)、それ以外は10割をいったん支払い後で払い戻し。受診の断念や救急の遅れは起きない。職員の手間(1件10分)、10割を避けた外来受診の先送りと後の入院は推定値。',
      en: 'No failure rate is published, so per-person failures and hospital or region-wide outages default to 0 (no effect). A failed check is settled with a 資格確認書 or 被保険者資格申立書 at the usual copay (95 %, estimate), else 10割 upfront with a refund; care is never forgone and emergencies are never delayed. Staff time (10 min a check) and outpatient care put off for 10割 that returns as a later admission are estimates.',
    },
  },
];

/** Published sources the data are built from. */
export const DATA_SOURCES: readonly Localized[] = [
  {
    ja: '総務省 令和2年国勢調査(市町村別人口、仙台市各区)',
    en: '2020 Population Census (municipal populations, Sendai’s wards)',
  },
  {
    ja: '国立社会保障・人口問題研究所 日本の将来推計人口(令和5年推計)',
    en: 'IPSS population projections for Japan (2023)',
  },
  {
    ja: '厚生労働省 令和4年度 病床機能報告(医療圏・機能別の稼働病床)',
    en: 'MHLW bed-function report 2022 (beds in use by area and function)',
  },
  {
    ja: '厚生労働省 地域医療構想の病床必要量の算定式(医療法施行規則 第30条の28の3)',
    en: 'MHLW regional medical plan bed-need formula (Medical Care Act ordinance, art. 30-28-3)',
  },
  {
    ja: '総務省消防庁 救急・救助の現況(令和5年: 現場到着10.0分、病院収容45.6分)',
    en: 'FDMA ambulance statistics 2023 (call → scene 10.0 min, call → hospital 45.6 min)',
  },
  {
    ja: '厚生労働省 病院報告(平均在院日数、2021年)',
    en: 'MHLW hospital report (average length of stay, 2021)',
  },
  {
    ja: '国土交通省 国土数値情報 行政区域(N03, 2021年): 重心と隣接関係、地図の市町村界(簡略化)。出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成',
    en: 'MLIT National Land Numerical Information, administrative areas (N03, 2021): centroids and adjacency, the map’s municipal boundaries (simplified). Source: National Land Numerical Information (Administrative Areas), MLIT, processed',
  },
];

/** How the twin departs from the national static formula, on purpose. */
export const MODEL_CHOICES: readonly Localized[] = [
  {
    ja: '必要病床数(静的推計)は国の算定式と同じ考え方で、モデル自身の入力から計算する: 1日あたりの患者数 = 年間入院 × その機能での期待在院日数 ÷ 365、必要量 = 患者数 ÷ 目標稼働率。',
    en: 'The static bed need uses the national formula on the twin’s own inputs: daily census = yearly admissions × expected days in the function ÷ 365; need = census ÷ target occupancy.',
  },
  {
    ja: '入院の各日に医療資源投入量(点数)を推定して与え、国の区分(3,000点以上 高度急性期、600点以上 急性期、225点以上 回復期)で機能を決める。必要病床数は症例の構成から生まれるので、いまの病床数と違いうる(不足・過剰)。',
    en: 'Each day of a stay carries an estimated resource intensity (points) and takes its function from the national thresholds (≥ 3,000 high acute, ≥ 600 acute, ≥ 225 recovery), so the static need follows the case mix and can differ from today’s beds (short or over).',
  },
  {
    ja: '確率的なシミュレーション: 同じシナリオと乱数シードからは同じ結果が得られ、基準シナリオとwhat-ifは共通乱数で対応のある比較をする。95%信頼区間は反復間のばらつきから計算する。',
    en: 'Stochastic simulation: the same scenario and seed give the same results; a what-if and its baseline compare paired on common random numbers; 95 % CIs come from the spread over replications.',
  },
];

/** Known limits of the model and data (docs/data.md and docs/calibration.md "weak points"). */
export const KNOWN_LIMITS: readonly Localized[] = [
  {
    ja: '他の都道府県からの流入はない: 県外の住民の入院は模擬しない。県外へ出た患者は数えるが、戻ってこない。',
    en: 'No inflow from other prefectures: residents of other prefectures are never admitted here; patients who leave the region are counted and do not come back.',
  },
  {
    ja: '介護施設などへの退院待ちはない: 自宅・介護施設への退院は在院日数の終わりにすぐ行われる(退院調整の遅れは病床の転院待ちだけ)。',
    en: 'No delay discharging to care facilities: discharge home or to a care facility happens as soon as the stay ends (the only waiting modelled is for a bed of the next function).',
  },
  {
    ja: '人員(医師・看護師)は模擬しない: 稼働病床はすべて人員がそろっているとみなす。外来と診療所も対象外(有床診療所は小規模病院にまとめた)。',
    en: 'Staff (doctors, nurses) are not modelled: a bed in use is assumed staffed. Outpatient care and clinics are outside the model (clinics with beds are folded into small hospitals).',
  },
  {
    ja: '病院は合成データ: 規模・位置・機能はもっともらしいが実在の病院ではない。医療圏・機能の合計は公表値に一致する。',
    en: 'Hospitals are synthetic: plausible sizes, positions and capabilities, not real ones; totals per area and function match the published table.',
  },
  {
    ja: '市町村(仙台市は区)を1点で表すため、同じ市町村の患者は同じ病院から順に照会する。',
    en: 'Each municipality (Sendai: each ward) is one point, so every patient of a municipality asks the same hospitals first.',
  },
  {
    ja: '転院先は患者のいる病院から近い順に空床を探し、隣の医療圏の病院は7日待った後に候補に加わる。7日は推定値。',
    en: 'Step-down transfers take the nearest free bed from the patient’s hospital; hospitals of adjacent areas join after a week of waiting, and the seven days are an estimate.',
  },
  {
    ja: '疾患別の入院率は全国の率を宮城の入院実績で補正したもので、宮城固有の疾患別入院率はない。将来の年も入院率は今と同じとし、入院の増減は人口の高齢化だけから生じる。',
    en: 'Condition rates are national rates scaled to Miyagi’s observed admissions (no Miyagi rates by condition); rates stay at today’s level in later years, so admissions change only through the population’s ageing.',
  },
  {
    ja: '道路は直線距離 × 道路係数で、渋滞や道路網は扱わない(積雪などは走行速度の倍率で表す)。',
    en: 'Roads are straight-line distance × a road factor: no congestion or road network (snow and similar are a speed factor).',
  },
  {
    ja: '「現在の病床」の報告は、実際の病院から届くまでは合成データ(CareTwin がシミュレーションで作った「真の」経過を日々の報告として送ったもの)であり、その予測の当たり具合は合成データに対するもの。合成の報告は画面に明示される。報告のない病院は 0 ではなく欠測として扱い、その日の稼働率は報告した病院だけのもの。',
    en: 'Until real hospitals report, the reports on the Now page are synthetic (a "true" history made by simulation with caretwin feed), and how well the forecast does is measured against that synthetic truth; the page says when reports are synthetic. A hospital that did not report is missing, never zero, and that day’s occupancy covers the hospitals that reported.',
  },
];
