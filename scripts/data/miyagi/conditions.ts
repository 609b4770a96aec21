// Conditions and their pathways (疾患別の入院経路). Stays and branches from scripts/data/reference/conditions.md
// ([V] verified, [S] one secondary source, [E] our estimate); the high-acute (高度急性期) phase is
// not in that table and is chosen here per condition (docs/data.md, "Conditions"). Demand comes
// from demand-inputs.json (demand-inputs.md): admission rates by sex × 5-year band (national,
// scaled to Miyagi), the share booked ahead (予定入院), and each phase's daily 医療資源投入量,
// from which the phase's ward is derived (libs/scenario region/bed-function.ts) and the static
// need counts every day in the function of its points.
import { wardFunction } from '../../../libs/scenario/src/region/bed-function';
import {
  AGE_BANDS,
  FIVE_YEAR_BAND_AGE_BAND,
  type Branch,
  type ByAgeBand,
  type BySexAge,
  type Capability,
  type Condition,
  type Phase,
  type ResourceIntensity,
  type StayDistribution,
} from '../../../libs/scenario/src/types';
import type { DemandInputs } from './demand-inputs';

interface Stay {
  meanDays: number;
  cv: number;
}

/** The phases every condition here shares; shares not listed go home (incl. care facilities). */
interface PathwaySpec {
  /** high-acute phase (ICU/HCU/SCU/CCU and 高度急性期 wards of large hospitals) */
  highAcute?: Stay & { id: string; entryShare: number; toAcute: number; death: number };
  acute: Stay & { recovery: number; chronic: number; death: number };
  recovery?: Stay & { chronic: number; death: number };
  chronic: Stay & { death: number };
}

// 132 → 125 d in the issue-15 calibration (docs/calibration.md), within its range 100–132 d [E]: Miyagi's
// own 療養 平均在院日数 100.2–108.8 d (2021–24, 病院報告) to the national 131.1 d (2021); tuned on Miyagi's
// 療養 病床利用率 83.1 % (2023), the ALOS is a hold-out (docs/validation.md).
const CHRONIC: PathwaySpec['chronic'] = { meanDays: 125, cv: 1.0, death: 0.4 };

function stay(s: Stay): StayDistribution {
  return { distribution: 'lognormal', meanDays: s.meanDays, cv: s.cv };
}

/** Branches whose probabilities are rounded to 4 decimals, with "home" taking the exact rest. */
function branches(list: Array<[string, number]>): Branch[] {
  const kept = list.filter(([, p]) => p > 0).map(([to, p]) => ({ to, p: Math.round(p * 10_000) / 10_000 }));
  const rest = Math.round((1 - kept.reduce((s, b) => s + b.p, 0)) * 10_000) / 10_000;
  if (rest < 0) throw new Error(`branch shares exceed 1: ${JSON.stringify(list)}`);
  return rest > 0 ? [...kept, { to: 'home', p: rest }] : kept;
}

function pathway(spec: PathwaySpec): { entry: Branch[]; phases: Phase[] } {
  const phases: Phase[] = [];
  const ha = spec.highAcute;
  if (ha !== undefined) {
    phases.push({
      id: ha.id,
      function: 'highAcute',
      stay: stay(ha),
      next: branches([
        ['acute', ha.toAcute],
        ['death', ha.death],
      ]),
    });
  }
  phases.push({
    id: 'acute',
    function: 'acute',
    stay: stay(spec.acute),
    next: branches([
      ['recovery', spec.recovery === undefined ? 0 : spec.acute.recovery],
      ['long-term-care', spec.acute.chronic],
      ['death', spec.acute.death],
    ]),
  });
  if (spec.recovery !== undefined) {
    phases.push({
      id: 'recovery',
      function: 'recovery',
      stay: stay(spec.recovery),
      next: branches([
        ['long-term-care', spec.recovery.chronic],
        ['death', spec.recovery.death],
      ]),
    });
  }
  phases.push({
    id: 'long-term-care',
    function: 'chronic',
    stay: stay(spec.chronic),
    next: branches([['death', spec.chronic.death]]),
  });
  const entryShare = ha === undefined ? 0 : Math.round(ha.entryShare * 10_000) / 10_000;
  const entry: Branch[] =
    ha === undefined || entryShare === 0
      ? [{ to: 'acute', p: 1 }]
      : [
          { to: ha.id, p: entryShare },
          { to: 'acute', p: Math.round((1 - entryShare) * 10_000) / 10_000 },
        ];
  return { entry, phases: reachable(entry, phases) };
}

/** Drops phases no branch leads to (childbirth never reaches long-term care). */
function reachable(entry: Branch[], phases: Phase[]): Phase[] {
  const seen = new Set<string>();
  const visit = (to: string) => {
    if (seen.has(to)) return;
    seen.add(to);
    phases.find((p) => p.id === to)?.next.forEach((b) => visit(b.to));
  };
  entry.forEach((b) => visit(b.to));
  return phases.filter((p) => seen.has(p.id));
}

interface ConditionSpec {
  id: string;
  name: { ja: string; en: string };
  ambulanceShare: number;
  capability: Capability | null;
  timeCriticalMinutes: number | null;
  seasonalAmplitude: number;
  seasonalPeakDay: number;
  pathway: PathwaySpec;
  /** keys of conditions.yaml `sources` behind this condition's figures */
  sources: string[];
  note: string;
}

/** Day of year (0-based) of mid-January, early February and mid-August. */
const JAN = 14;
const FEB = 40;
const AUG = 226;

const SPECS: ConditionSpec[] = [
  {
    id: 'stroke',
    name: { ja: '脳卒中', en: 'Stroke' },
    ambulanceShare: 0.61,
    capability: 'stroke',
    timeCriticalMinutes: 120,
    seasonalAmplitude: 0.13,
    seasonalPeakDay: JAN,
    pathway: {
      highAcute: { id: 'stroke-unit', entryShare: 0.5, meanDays: 4, cv: 0.6, toAcute: 0.95, death: 0.05 },
      acute: { meanDays: 17, cv: 0.7, recovery: 0.42, chronic: 0.08, death: 0.077 },
      recovery: { meanDays: 82, cv: 0.45, chronic: 0.15, death: 0.03 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'shigaStrokeRegistry', 'strokeDatabank', 'jAspect', 'kaifukukiSurvey'],
    note:
      'rates [E] (≈282 k/yr nationally vs 290 k [S]); ambulance 0.61 [S]; acute stay 19 d incl. stroke unit [V median 17–24]; ' +
      '→回復期 0.42 [S 0.43], 回復期 82 d [S]; death ≈10 % [V by subtype]; stroke unit (SCU/HCU, 高度急性期) for half, 4 d [E]; ' +
      'winter ±0.13 [V 1.31]; time: call → capable bed ≤ 120 min so t-PA (≤ 4.5 h from onset) stays possible [E]',
  },
  {
    id: 'ami',
    name: { ja: '急性心筋梗塞', en: 'Acute myocardial infarction' },
    ambulanceShare: 0.79,
    capability: 'pci',
    timeCriticalMinutes: 90,
    seasonalAmplitude: 0.15,
    seasonalPeakDay: JAN,
    pathway: {
      highAcute: { id: 'ccu', entryShare: 0.85, meanDays: 4, cv: 0.6, toAcute: 0.95, death: 0.05 },
      acute: { meanDays: 9, cv: 0.6, recovery: 0.03, chronic: 0.02, death: 0.035 },
      recovery: { meanDays: 30, cv: 0.5, chronic: 0.05, death: 0.03 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'jroad', 'jamir'],
    note:
      'rates [E] (≈71 k/yr vs 73 k [V]); ambulance 0.79 [V]; CCU (高度急性期) for 85 %, 4 d, then acute 9 d: 13 d in all [E]; ' +
      'death ≈8 % [V]; winter ±0.15 [V 1.34]; time: first medical contact → PCI ≤ 90 min [V guideline]',
  },
  {
    id: 'hip-fracture',
    name: { ja: '大腿骨近位部骨折', en: 'Hip fracture' },
    ambulanceShare: 0.7,
    capability: 'orthopaedics',
    timeCriticalMinutes: 2880,
    seasonalAmplitude: 0.08,
    seasonalPeakDay: JAN,
    pathway: {
      highAcute: { id: 'post-operative', entryShare: 0.1, meanDays: 2, cv: 0.5, toAcute: 1, death: 0 },
      acute: { meanDays: 25, cv: 0.5, recovery: 0.65, chronic: 0.03, death: 0.03 },
      recovery: { meanDays: 45, cv: 0.4, chronic: 0.08, death: 0.02 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'hipFractureSurvey', 'hipFracturePathway', 'dpcSurvey'],
    note:
      'rates [E] (≈189 k/yr vs 193 k [V]); ambulance 0.70 [E]; acute 25 d [V DPC 25.3–27.1 d]; →回復期 0.65, 45 d blending 回復期リハ and ' +
      '地域包括 [V counts]; post-operative HCU for 10 %, 2 d [E]; death 3 % [V]; winter ±0.08 (falls on ice) [E]; surgery ≤ 48 h [V]',
  },
  {
    id: 'pneumonia',
    name: { ja: '肺炎(誤嚥性を含む)', en: 'Pneumonia (incl. aspiration)' },
    ambulanceShare: 0.5,
    capability: null,
    timeCriticalMinutes: null,
    seasonalAmplitude: 0.2,
    seasonalPeakDay: JAN,
    pathway: {
      highAcute: { id: 'icu', entryShare: 0.12, meanDays: 5, cv: 0.7, toAcute: 0.9, death: 0.1 },
      acute: { meanDays: 18, cv: 0.7, recovery: 0.1, chronic: 0.08, death: 0.095 },
      recovery: { meanDays: 40, cv: 0.5, chronic: 0.1, death: 0.05 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'pneumonia', 'dpcSurvey'],
    note:
      'rates [E] (≈0.61 M/yr; 5.3/1000 PY ≥15 y [V]); ambulance 0.50 [E]; acute 17–18 d [V DPC 14–21]; ICU/HCU for 12 %, 5 d [E]; ' +
      'death ≈11 % [V 30-day 11.7 %]; winter ±0.20 [E, size not found]',
  },
  {
    id: 'heart-failure',
    name: { ja: '心不全', en: 'Heart failure' },
    ambulanceShare: 0.45,
    capability: null,
    timeCriticalMinutes: null,
    seasonalAmplitude: 0.11,
    seasonalPeakDay: FEB,
    pathway: {
      highAcute: { id: 'ccu', entryShare: 0.3, meanDays: 3, cv: 0.6, toAcute: 0.96, death: 0.04 },
      acute: { meanDays: 18, cv: 0.75, recovery: 0.08, chronic: 0.07, death: 0.09 },
      recovery: { meanDays: 40, cv: 0.5, chronic: 0.1, death: 0.05 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'jroad', 'heartFailureStay'],
    note:
      'rates [E] (≈283 k/yr vs 260 k in 2016 [V], rising); ambulance 0.45 [E]; acute 18 d + CCU 3 d for 30 % [V 18.2 d, CV 0.75]; ' +
      'death ≈10 % [V 10.9 %]; winter ±0.11 peaking in February [V 1.24]; managed by general cardiology/internal medicine, so any hospital [E]',
  },
  {
    id: 'cancer',
    name: { ja: 'がん', en: 'Cancer' },
    ambulanceShare: 0.05,
    capability: 'cancer',
    timeCriticalMinutes: null,
    seasonalAmplitude: 0,
    seasonalPeakDay: 0,
    pathway: {
      highAcute: {
        id: 'surgical-high-acute',
        entryShare: 0.5,
        meanDays: 6,
        cv: 0.8,
        toAcute: 0.55,
        death: 0.02,
      },
      acute: { meanDays: 12, cv: 1.0, recovery: 0.02, chronic: 0.05, death: 0.07 },
      recovery: { meanDays: 30, cv: 0.6, chronic: 0.1, death: 0.1 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'patientSurvey'],
    note:
      'rates [E] (≈2.75 M/yr vs 2.7–2.9 M [S/E]); mostly booked (surgery, chemotherapy); mean stay ≈13 d [V 14.4 d 2023]; 50 % are admitted to 高度急性期 wards of ' +
      'cancer centres and university hospitals (surgery, chemotherapy), 6 d, then a 12-d step-down acute stay for 55 % of them [E]; death ≈7 % [E, table 8 %]',
  },
  {
    id: 'childbirth',
    name: { ja: '分娩', en: 'Childbirth' },
    ambulanceShare: 0.02,
    capability: 'maternity',
    timeCriticalMinutes: 60,
    seasonalAmplitude: 0.04,
    seasonalPeakDay: AUG,
    pathway: {
      highAcute: { id: 'mficu', entryShare: 0.03, meanDays: 4, cv: 0.5, toAcute: 1, death: 0 },
      acute: { meanDays: 6.5, cv: 0.3, recovery: 0, chronic: 0, death: 0 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'vitalStatistics'],
    note:
      'rate = births ÷ population 15–64 [V]; hospital and clinic births both modelled as beds of the bed table; 6.5 d blends vaginal ' +
      '≈6 d and caesarean ≈9 d at 22 % [S/E]; MFICU (高度急性期) for 3 % high-risk, 4 d [E]; births peak slightly in late summer ±0.04 [E]; ' +
      'an ambulance-borne birth needs a maternity unit within 60 min [E]',
  },
  {
    id: 'other-acute',
    name: { ja: 'その他の急性疾患', en: 'Other acute conditions' },
    ambulanceShare: 0.24,
    capability: null,
    timeCriticalMinutes: null,
    seasonalAmplitude: 0.05,
    seasonalPeakDay: JAN,
    pathway: {
      highAcute: { id: 'high-acute', entryShare: 0.3, meanDays: 7, cv: 1.0, toAcute: 0.55, death: 0.03 },
      // Issue-15 calibration (docs/calibration.md) on Miyagi's 一般 病床利用率 69.3 % (2023): acute 11 → 10 d
      // (range 9–13 d [E]), 回復期 42 → 33 d (range 30–60 d: 地域包括 29–32 d to 回復期リハ 50–55 d [V]).
      acute: { meanDays: 10, cv: 1.0, recovery: 0.07, chronic: 0.028, death: 0.025 },
      recovery: { meanDays: 33, cv: 0.6, chronic: 0.1, death: 0.04 },
      chronic: CHRONIC,
    },
    sources: ['conditions', 'hospitalReport', 'medicalCostTrends', 'fireWhitePaper'],
    note:
      'rates = all-cause 6,000/6,000/18,000/34,000 per 100k [E→14.9 M/yr vs 15.6–16.2 M V] minus the named conditions; ambulance 0.24 ' +
      '(remainder of ≈3.3 M ambulance admissions) [E]; acute 10 d [E, range 9–13, tuned in the issue-15 calibration]; 30 % start in 高度急性期 wards of large hospitals (surgery, ' +
      'intensive care, 7 d), 55 % of them step down to acute [E]; →回復期 0.07, 33 d [E, range 30–60, tuned in the issue-15 calibration, docs/calibration.md]; 慢性期 125 d [E, range 100–132, tuned]',
  },
];

const BANDS5 = FIVE_YEAR_BAND_AGE_BAND.length;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** National rates × the Miyagi factor (childbirth its own), to 2 decimals. */
function miyagiRates(demand: DemandInputs, id: string): BySexAge {
  const national = demand.rates[id];
  if (national === undefined) throw new Error(`demand inputs have no rates for ${id}`);
  const f = id === 'childbirth' ? demand.miyagiFactor.childbirth : demand.miyagiFactor.allConditions;
  return { male: national.male.map((r) => round2(r * f)), female: national.female.map((r) => round2(r * f)) };
}

/**
 * The four-band rates for regions without population by sex and 5-year band (synthetic regions
 * built from this template): the detailed rates weighted by Miyagi's 2020 population, to 1 decimal.
 */
function fourBandRates(rates: BySexAge, population: BySexAge): ByAgeBand {
  const admissions = [0, 0, 0, 0];
  const persons = [0, 0, 0, 0];
  for (let k = 0; k < BANDS5; k++) {
    const b = FIVE_YEAR_BAND_AGE_BAND[k];
    admissions[b] += population.male[k] * rates.male[k] + population.female[k] * rates.female[k];
    persons[b] += population.male[k] + population.female[k];
  }
  return Object.fromEntries(
    AGE_BANDS.map((band, b) => [band, Math.round((admissions[b] / persons[b]) * 10) / 10]),
  ) as ByAgeBand;
}

/** Miyagi's population by sex and 5-year band in `year` (all units). */
export function miyagiPopulation(demand: DemandInputs, year: string): BySexAge {
  const out: BySexAge = {
    male: new Array<number>(BANDS5).fill(0),
    female: new Array<number>(BANDS5).fill(0),
  };
  for (const u of demand.units) {
    const x = u.bySexAge[year];
    for (let k = 0; k < BANDS5; k++) {
      out.male[k] += x.male[k];
      out.female[k] += x.female[k];
    }
  }
  return out;
}

/** Each phase's 医療資源投入量; the ward it gives must be the one the pathway places it in. */
function withPoints(id: string, phases: Phase[], demand: DemandInputs): Phase[] {
  const thresholds = demand.thresholds;
  return phases.map((phase) => {
    const points = demand.resource[id]?.[phase.id];
    if (points === undefined) throw new Error(`demand inputs have no points for ${id}/${phase.id}`);
    const ward = wardFunction(points, phase.stay.meanDays, thresholds);
    if (ward !== phase.function)
      throw new Error(
        `${id}/${phase.id}: its points give a ${String(ward)} ward, the pathway says ${phase.function}`,
      );
    // The ward is derived, so the file gives the points instead of `function` (and no null rule).
    const { rule, ...always } = points;
    const pointsPerDay = (rule === null ? always : points) as ResourceIntensity;
    return { id: phase.id, pointsPerDay, stay: phase.stay, next: phase.next };
  });
}

function demandNote(demand: DemandInputs, id: string): string {
  const factor = id === 'childbirth' ? demand.miyagiFactor.childbirth : demand.miyagiFactor.allConditions;
  return (
    `admissionRatesBySexAge = national rates by sex × 5-year band [D, demand-inputs.md §2] × Miyagi factor ${factor} [D]; ` +
    `four-band rates = those weighted by Miyagi's 2020 population [D]; scheduledShare ${demand.bookableShare[id]} booked ahead ` +
    `(ordinary, non-emergency visits ${demand.ordinaryVisitShare[id]}) [${id === 'other-acute' ? 'D, solved to 来院時の状況 2011' : 'E'}, §3]; ` +
    'pointsPerDay per phase [E, §4], the ward derived from them; '
  );
}

export function buildConditions(demand: DemandInputs): Condition[] {
  const weights = miyagiPopulation(demand, '2020');
  return SPECS.map((spec) => {
    const rates = miyagiRates(demand, spec.id);
    const scheduledShare = demand.bookableShare[spec.id];
    if (scheduledShare === undefined) throw new Error(`demand inputs have no scheduled share for ${spec.id}`);
    const { entry, phases } = pathway(spec.pathway);
    return {
      id: spec.id,
      name: spec.name,
      admissionRatePer100k: fourBandRates(rates, weights),
      admissionRatesBySexAge: rates,
      ambulanceShare: spec.ambulanceShare,
      scheduledShare,
      capability: spec.capability,
      timeCriticalMinutes: spec.timeCriticalMinutes,
      seasonalAmplitude: spec.seasonalAmplitude,
      seasonalPeakDay: spec.seasonalPeakDay,
      entry,
      phases: withPoints(spec.id, phases, demand),
      provenance: {
        estimated: true,
        source: [...spec.sources, 'demandInputs', 'patientSurveyVisits'].join(', '),
        note: demandNote(demand, spec.id) + spec.note,
      },
    };
  });
}
