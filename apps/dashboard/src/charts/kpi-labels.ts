// The name and unit of every KPI key the model writes (libs/model/README.md "KPI keys"), in
// plain words a planner reads, in Japanese and English. One table of key families: a family is
// a dotted pattern whose placeholders ({scope}, {area}, {condition}, {function}, {reason},
// {stat}) are filled from the key, with area and condition names taken from the region, so a
// new area or condition needs no new entry. Charts, tables, the compare view and the report
// all read labels and units from here.
import { BED_FUNCTIONS, type BedFunction } from '@caretwin/contracts';
import { FUNCTION_NAMES, type Lang, type Localized } from './labels';

/** How a KPI's value reads: a share shown as %, or a number followed by its unit. */
export type KpiUnit =
  | 'percent'
  | 'patients'
  | 'cases'
  | 'inquiries'
  | 'minutes'
  | 'days'
  | 'patientDays'
  | 'vehicles'
  | 'beds'
  | 'perYearPer100k'
  | 'events'
  /** a bare number (a key no family knows) */
  | 'number';

/** What follows a value (percent: the % sign the number format already writes). */
export const UNIT_NAMES: Record<KpiUnit, Localized> = {
  percent: { ja: '%', en: '%' },
  patients: { ja: '人', en: 'patients' },
  cases: { ja: '件', en: 'cases' },
  inquiries: { ja: '回', en: 'inquiries' },
  minutes: { ja: '分', en: 'min' },
  days: { ja: '日', en: 'days' },
  patientDays: { ja: '人日', en: 'patient-days' },
  vehicles: { ja: '台', en: 'vehicles' },
  beds: { ja: '床', en: 'beds' },
  perYearPer100k: { ja: '人/10万人・年', en: 'per 100,000 a year' },
  events: { ja: '件', en: 'events' },
  number: { ja: '', en: '' },
};

/** Why a hospital refused an ambulance inquiry (inquiries.refused.<reason>). */
export const REFUSAL_REASONS = ['noBed', 'treatmentDifficult', 'busy', 'outOfSpecialty', 'noDoctor'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_NAMES: Record<RefusalReason, Localized> = {
  noBed: { ja: '満床', en: 'no bed' },
  treatmentDifficult: { ja: '処置困難', en: 'treatment difficult' },
  busy: { ja: '手術中・患者対応中', en: 'in surgery or with other patients' },
  outOfSpecialty: { ja: '専門外', en: 'outside specialty' },
  noDoctor: { ja: '医師不在', en: 'no doctor available' },
};

const STATS = ['mean', 'p50', 'p90'] as const;
const STAT_NAMES: Record<(typeof STATS)[number], Localized> = {
  mean: { ja: '平均', en: 'mean' },
  p50: { ja: '中央値', en: 'median' },
  p90: { ja: '90パーセンタイル', en: '90th percentile' },
};

/** Names of the region's areas and conditions (ids stand in for names a region lacks). */
export interface KpiNames {
  area(id: string): Localized | undefined;
  condition(id: string): Localized | undefined;
}

export const NO_NAMES: KpiNames = { area: () => undefined, condition: () => undefined };

/** The names a result's region gives its areas and conditions. */
export function kpiNamesOf(region: {
  areas: ReadonlyArray<{ id: string; name: Localized }>;
  conditions?: ReadonlyArray<{ id: string; name: Localized }>;
}): KpiNames {
  const areas = new Map(region.areas.map((a) => [a.id, a.name]));
  const conditions = new Map((region.conditions ?? []).map((c) => [c.id, c.name]));
  return { area: (id) => areas.get(id), condition: (id) => conditions.get(id) };
}

/** Words filled into a family's label: function, reason and statistic in the label's language. */
interface Words {
  fn: string;
  reason: string;
  stat: string;
}
type Template = (w: Words) => string;

interface KpiFamily {
  /** dotted key pattern; see the placeholders at the top of the file */
  pattern: string;
  unit: KpiUnit;
  ja: Template;
  en: Template;
  /** a key issue 15 removed or renamed: read in results stored before it */
  legacy?: true;
}

const family = (
  pattern: string,
  unit: KpiUnit,
  ja: string | Template,
  en: string | Template,
  legacy?: true,
): KpiFamily => ({
  pattern,
  unit,
  ja: typeof ja === 'string' ? () => ja : ja,
  en: typeof en === 'string' ? () => en : en,
  ...(legacy ? { legacy } : {}),
});

/**
 * Every family, first match wins: literal keys come before the patterns that would also match
 * them (admissions.ambulance before admissions.{condition}, bedBlocking.days.{function} before
 * bedBlocking.days.{area}). {scope} is `prefecture` (the whole region, no prefix) or an area.
 */
const FAMILIES: readonly KpiFamily[] = [
  // occupancy and beds (by scope × function)
  family(
    'occupancy.{scope}.general',
    'percent',
    '一般病床の稼働率',
    'General-bed occupancy (high acute, acute, recovery)',
  ),
  family('occupancy.{scope}.total', 'percent', '全病床の稼働率', 'Occupancy of all beds'),
  family(
    'occupancy.{scope}.{function}',
    'percent',
    (w) => `${w.fn}の病床稼働率`,
    (w) => `${w.fn} bed occupancy`,
  ),
  family(
    'bedsInUse.{scope}.{function}',
    'beds',
    (w) => `${w.fn}の使用病床数(平均)`,
    (w) => `${w.fn} beds occupied (mean)`,
  ),
  family(
    'beds.{scope}.{function}',
    'beds',
    (w) => `${w.fn}の病床数`,
    (w) => `${w.fn} beds open`,
  ),
  family(
    'daysOver95.{scope}.{function}',
    'days',
    (w) => `${w.fn}が95%超の満床日数`,
    (w) => `Days ${w.fn} beds were over 95 % full`,
  ),

  // patient flow
  family(
    'refusals',
    'cases',
    '断られた照会と他院へ回った直接来院の合計(旧指標)',
    'Inquiries refused plus walk-ins redirected (old combined figure)',
    true,
  ),
  family('refusals.ambulance', 'cases', '断られた受入照会', 'Inquiries refused', true),
  family(
    'refusals.walkIn',
    'patients',
    '満床で他院へ回った直接来院患者',
    'Walk-ins redirected (first choice full)',
    true,
  ),
  family('overflow', 'patients', '満床のため病床外で受け入れた患者', 'Admitted over capacity (overflow)'),
  family('overflow.bedDays', 'patientDays', '病床外受入の延べ日数', 'Overflow patient-days'),
  family('leftRegion', 'patients', '受入先がなく地域外へ出た患者', 'Left the region (no hospital in reach)'),
  family(
    'bedBlocking.days',
    'patientDays',
    '次の病床待ちの延べ日数(ベッドブロッキング)',
    'Bed blocking (patient-days waiting for the next bed)',
  ),
  family(
    'bedBlocking.days.{function}',
    'patientDays',
    (w) => `${w.fn}の病床待ちの延べ日数(ベッドブロッキング)`,
    (w) => `Bed blocking waiting for a ${w.fn} bed`,
  ),
  family(
    'bedBlocking.days.{area}',
    'patientDays',
    // counted where the hospital is (issue 16: say which basis)
    'ベッドブロッキング(病院所在地別の延べ日数)',
    'Bed blocking (patient-days, by hospital area)',
  ),
  family('transfers', 'patients', '他院への転院', 'Step-down transfers to another hospital'),
  family('transfers.minutes.mean', 'minutes', '転院の移動時間(平均)', 'Transfer drive (mean)'),
  family(
    'stepDowns.recoveryTail',
    'patients',
    '急性期後半の回復期病床への転棟',
    'Acute-stay tails moved to a recovery bed',
  ),
  family(
    'stepDowns.recoveryTailWaitDays',
    'patientDays',
    '回復期病床を待つ急性期病床の延べ日数',
    'Acute-bed days waiting for a recovery bed',
  ),
  family('borrowing.admissions', 'patients', '他機能の空床を借りた入院', 'Admissions into a borrowed bed'),
  family('borrowing.bedDays', 'patientDays', '借りた病床の延べ日数', 'Borrowed-bed patient-days'),

  // ambulances and inquiries (照会)
  family('ambulance.calls', 'cases', '救急要請(119番)', 'Ambulance calls'),
  family(
    'ambulance.transportedNotAdmitted',
    'patients',
    '搬送後に入院しなかった患者',
    'Transported, not admitted',
  ),
  family(
    'ambulance.response.{stat}',
    'minutes',
    (w) => `119番から現場到着(${w.stat})`,
    (w) => `Call to scene (${w.stat})`,
  ),
  family('ambulance.callToHospital.count', 'patients', '病院へ搬送した患者', 'Patients taken to hospital'),
  family(
    'ambulance.callToHospital.{stat}',
    'minutes',
    (w) => `119番から病院到着(${w.stat})`,
    (w) => `Call to hospital (${w.stat})`,
  ),
  family('ambulance.accepted', 'patients', '受入先が決まった救急患者', 'Ambulance patients accepted'),
  family(
    'ambulance.inquiries.mean',
    'inquiries',
    '受入までの照会回数(1人あたり)',
    'Inquiries per accepted patient',
    true,
  ),
  family('ambulance.onScene.mean', 'minutes', '現場滞在時間(平均)', 'Time on scene (mean)'),
  family('ambulance.onScene30Share', 'percent', '現場滞在30分以上の割合', '30 min or more on scene (share)'),
  family(
    'ambulance.vehicleWait.mean',
    'minutes',
    '救急車の出動待ち時間(平均)',
    'Wait for a free ambulance (mean)',
    true,
  ),
  family(
    'ambulance.callWait.queuedShare',
    'percent',
    '出動待ちが生じた119番の割合',
    'Calls that waited for an ambulance (share)',
  ),
  family(
    'ambulance.callWait.{stat}',
    'minutes',
    (w) => `救急車の出動待ち時間(${w.stat})`,
    (w) => `Wait for a free ambulance (${w.stat})`,
  ),
  family('ambulance.vehiclesBusy.mean', 'vehicles', '出動中の救急車(平均)', 'Ambulances out on calls (mean)'),
  family('ambulance.utilisation.{scope}', 'percent', '救急車の稼働率', 'Ambulance utilisation'),
  family(
    'ambulance.mutualAid',
    'cases',
    '他圏域の救急隊の応援出動',
    'Calls served from another area (mutual aid)',
  ),
  family(
    'ambulance.mutualAid.share',
    'percent',
    '他圏域の救急隊が応援した119番の割合',
    'Mutual aid (share of calls)',
  ),
  family('difficultTransports', 'cases', '救急搬送困難事案', 'Difficult transports'),
  family(
    'difficultTransports.share',
    'percent',
    '救急搬送困難事案の割合(受入患者あたり)',
    'Difficult transports (share of accepted patients)',
  ),
  family('inquiries.total', 'cases', '受入照会', 'Hospital inquiries'),
  family('inquiries.refused', 'cases', '断られた受入照会', 'Inquiries refused'),
  family(
    'inquiries.refusedShare',
    'percent',
    '受入照会のうち断られた割合',
    'Inquiries refused (share of inquiries)',
  ),
  family(
    'inquiries.refused.{reason}',
    'cases',
    (w) => `断られた受入照会: ${w.reason}`,
    (w) => `Inquiries refused: ${w.reason}`,
  ),
  family(
    'inquiries.perAcceptedPatient.mean',
    'inquiries',
    '受入までの照会回数(1人あたり)',
    'Inquiries per accepted patient',
  ),
  family(
    'inquiries.firstAcceptedShare',
    'percent',
    '1回目の照会で受入が決まった割合',
    'Accepted at the first inquiry (share of accepted patients)',
  ),
  family(
    'inquiries.fourPlusShare',
    'percent',
    '照会4回以上の割合',
    '4 or more inquiries (share of accepted patients)',
  ),
  family(
    'walkIns.redirected',
    'patients',
    '満床で他院へ回った直接来院患者',
    'Walk-ins redirected (first choice full)',
  ),
  family(
    'walkIns.redirectedShare',
    'percent',
    '直接来院患者のうち他院へ回った割合',
    'Walk-ins redirected (share of walk-ins)',
  ),
  // by home area
  family('area.{area}.response.mean', 'minutes', '119番から現場到着(平均)', 'Call to scene (mean)'),
  family('area.{area}.callToHospital.mean', 'minutes', '119番から病院到着(平均)', 'Call to hospital (mean)'),
  family(
    'area.{area}.callWait.mean',
    'minutes',
    '救急車の出動待ち時間(平均)',
    'Wait for a free ambulance (mean)',
  ),
  family('area.{area}.difficultTransports', 'cases', '救急搬送困難事案', 'Difficult transports'),
  family(
    'area.{area}.inquiriesRefusedShare',
    'percent',
    '受入照会のうち断られた割合',
    'Inquiries refused (share of inquiries)',
  ),
  family(
    'area.{area}.walkInsRedirected',
    'patients',
    '満床で他院へ回った直接来院患者',
    'Walk-ins redirected (first choice full)',
  ),
  // by area for the by-area tables (issue 16): admissions and left region by home area,
  // overflow by the area of the hospital
  family('area.{area}.admissions', 'patients', '住民の入院(住所地別)', 'Residents admitted (by home area)'),
  family(
    'area.{area}.leftRegion',
    'patients',
    '受入先がなく地域外へ出た住民',
    'Residents who left the region (no hospital in reach)',
  ),
  family(
    'area.{area}.overflow',
    'patients',
    '満床のため病床外で受け入れた患者(医療機関所在地別)',
    'Admitted over capacity (overflow, by hospital area)',
  ),
  family(
    'outflow.{area}',
    'percent',
    '圏外で入院した住民の割合(流出率)',
    'Residents admitted outside the area (outflow)',
  ),

  // admissions, time to care, scheduled lists
  family('admissions', 'patients', '入院', 'Admissions'),
  family('admissions.ambulance', 'patients', '救急搬送による入院', 'Admissions by ambulance'),
  family('admissions.walkIn', 'patients', '直接来院からの入院', 'Admissions after a walk-in'),
  family('admissions.elective', 'patients', '予定入院', 'Scheduled admissions', true),
  family('admissions.scheduled', 'patients', '予定入院', 'Scheduled admissions'),
  family('admissions.emergency', 'patients', '緊急入院', 'Emergency admissions'),
  family(
    'admissions.perYearPer100k',
    'perYearPer100k',
    '人口10万人あたりの年間入院',
    'Admissions per 100,000 residents a year',
  ),
  family('admissions.{condition}', 'patients', '入院', 'Admissions'),
  family('timeToCare.{condition}.mean', 'minutes', '治療開始までの時間(平均)', 'Time to care (mean)'),
  family('timeToCare.{condition}.count', 'patients', '治療を受けた患者', 'Patients reaching care'),
  family(
    'timeToCare.{condition}.withinThreshold',
    'percent',
    '目標時間内に治療を始めた割合',
    'Care started within the threshold (share)',
  ),
  family(
    'elective.waitDays.mean',
    'days',
    '予定入院の待機日数(平均)',
    'Wait for a scheduled admission (mean)',
    true,
  ),
  family(
    'elective.waiting.mean',
    'patients',
    '予定入院の待機者数(平均)',
    'Waiting for a scheduled admission (mean)',
    true,
  ),
  family(
    'scheduled.waitDays.mean',
    'days',
    '予定入院の待機日数(平均)',
    'Wait for a scheduled admission (mean)',
  ),
  family(
    'scheduled.waiting.mean',
    'patients',
    '予定入院の待機者数(平均)',
    'Waiting for a scheduled admission (mean)',
  ),

  // オンライン資格確認
  family('eligibility.failures', 'cases', '資格確認の不成立', 'Eligibility checks failed'),
  family(
    'eligibility.failures.outage',
    'cases',
    '資格確認の不成立(システム障害)',
    'Eligibility checks failed (system outage)',
  ),
  family(
    'eligibility.failures.individual',
    'cases',
    '資格確認の不成立(個人の資格情報)',
    'Eligibility checks failed (individual record)',
  ),
  family(
    'eligibility.staffMinutes',
    'minutes',
    '資格確認不成立の事務対応時間',
    'Staff time on failed checks',
  ),
  family(
    'eligibility.fullPayUpfront',
    'patients',
    '10割負担で立て替えた患者',
    'Paid the full fee upfront (refunded later)',
  ),
  family(
    'eligibility.proofDocument',
    'patients',
    '資格確認書・申立書による通常の負担割合',
    'Proof on paper, usual copay',
  ),
  family(
    'eligibility.deferredOutpatient',
    'patients',
    '先送りされた外来受診(推定)',
    'Outpatient care put off (estimate)',
  ),
  family(
    'eligibility.laterAdmissions',
    'patients',
    '受診の先送りによる後日の入院(推定)',
    'Later admissions after care put off (estimate)',
  ),
  family(
    'eligibility.delayMinutes',
    'minutes',
    '資格確認による遅れ(延べ時間)',
    'Delay from failed checks (total)',
  ),
  family('eligibility.deferred', 'patients', '受診の延期(旧指標)', 'Care postponed (old measure)', true),
  family('eligibility.forgone', 'patients', '受診断念(旧指標)', 'Care forgone (old measure)', true),

  // stays, self-sufficiency, the run
  family(
    'los.{function}',
    'days',
    (w) => `${w.fn}の在院日数(平均)`,
    (w) => `${w.fn} length of stay (mean)`,
  ),
  family('alos.general', 'days', '平均在院日数(一般病床)', 'Average length of stay (general beds)'),
  family('alos.chronic', 'days', '平均在院日数(慢性期の病床)', 'Average length of stay (chronic beds)'),
  family('discharges', 'patients', '退院', 'Discharges'),
  family('deaths', 'patients', '死亡', 'Deaths'),
  family('selfSufficiency.{area}', 'percent', '自己完結率', 'Self-sufficiency'),
  family('events', 'events', 'シミュレーションで処理したイベント', 'Events processed by the simulation'),
];

export interface KpiDescription {
  key: string;
  unit: KpiUnit;
  label: Localized;
  /** removed or renamed by issue 15; still read in older results */
  legacy: boolean;
}

const FUNCTION_SET = new Set<string>(BED_FUNCTIONS);
const REASON_SET = new Set<string>(REFUSAL_REASONS);
const STAT_SET = new Set<string>(STATS);
const PARTS = FAMILIES.map((f) => f.pattern.split('.'));

/** The key's parts that fill a family's placeholders, or null when the key is not of that family. */
function match(pattern: readonly string[], parts: readonly string[]): Map<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const filled = new Map<string, string>();
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const part = parts[i];
    if (!p.startsWith('{')) {
      if (p !== part) return null;
      continue;
    }
    if (p === '{function}' && !FUNCTION_SET.has(part)) return null;
    if (p === '{reason}' && !REASON_SET.has(part)) return null;
    if (p === '{stat}' && !STAT_SET.has(part)) return null;
    if (part === '') return null;
    filled.set(p, part);
  }
  return filled;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const uncapitalise = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function words(filled: Map<string, string>, lang: Lang): Words {
  const fn = filled.get('{function}') as BedFunction | undefined;
  const reason = filled.get('{reason}') as RefusalReason | undefined;
  const stat = filled.get('{stat}') as (typeof STATS)[number] | undefined;
  const fnName = fn ? FUNCTION_NAMES[fn][lang] : '';
  return {
    // English puts a function mid-sentence in lower case; the first letter is raised afterwards
    fn: lang === 'en' ? fnName.toLowerCase() : fnName,
    reason: reason ? REFUSAL_REASON_NAMES[reason][lang] : '',
    stat: stat ? STAT_NAMES[stat][lang] : '',
  };
}

/** The area or condition a key is about, named in the label's language ("仙台: …", "Sendai: …"). */
function prefix(filled: Map<string, string>, names: KpiNames, lang: Lang): string {
  const scope = filled.get('{scope}');
  const area = filled.get('{area}') ?? (scope !== 'prefecture' ? scope : undefined);
  if (area !== undefined) return names.area(area)?.[lang] ?? area;
  const condition = filled.get('{condition}');
  if (condition !== undefined) return names.condition(condition)?.[lang] ?? condition;
  return '';
}

function label(f: KpiFamily, filled: Map<string, string>, names: KpiNames, lang: Lang): string {
  const text = f[lang](words(filled, lang));
  const about = prefix(filled, names, lang);
  if (lang === 'en') return about ? `${about}: ${uncapitalise(text)}` : capitalise(text);
  return about ? `${about}: ${text}` : text;
}

/** The label (both languages) and unit of a KPI key, or null when no family knows the key. */
export function describeKpi(key: string, names: KpiNames = NO_NAMES): KpiDescription | null {
  const parts = key.split('.');
  for (let i = 0; i < FAMILIES.length; i++) {
    const filled = match(PARTS[i], parts);
    if (!filled) continue;
    const f = FAMILIES[i];
    return {
      key,
      unit: f.unit,
      label: { ja: label(f, filled, names, 'ja'), en: label(f, filled, names, 'en') },
      legacy: f.legacy === true,
    };
  }
  return null;
}

/** A key's label in one language, the key itself when no family knows it. */
export function kpiLabel(key: string, lang: Lang, names: KpiNames = NO_NAMES): string {
  return describeKpi(key, names)?.label[lang] ?? key;
}

/** A key's unit, `number` when no family knows it. */
export function kpiUnit(key: string): KpiUnit {
  return describeKpi(key)?.unit ?? 'number';
}

/** The key patterns of every family (for docs and tests). */
export const KPI_FAMILY_PATTERNS: readonly string[] = FAMILIES.map((f) => f.pattern);
