// The Miyagi calibration targets (docs/calibration.md, issue 5) and how a run's aggregate
// is read against them. Shared by `npm run calibrate` (bench/calibration.ts, which prints the
// table of docs/calibration.md) and the test that keeps the baseline on target
// (tests/calibration/miyagi-baseline.spec.ts).
import { join, resolve } from 'node:path';
import type { AggregateResult } from '@caretwin/contracts';
import { ScenarioCatalog, type ResolvedScenario } from '@caretwin/scenario';

export const ROOT = resolve(__dirname, '..');

/** The shipped baseline with the measured horizon of the calibration (≥ 365 days after warm-up). */
export function calibrationScenario(horizonDays = 365): ResolvedScenario {
  const shippedDir = join(ROOT, 'scenarios');
  const catalog = new ScenarioCatalog({ shippedDir, regionsDir: join(shippedDir, 'data') });
  return catalog.resolve({ id: 'miyagi-calibration', extends: 'miyagi-2025-baseline', horizonDays });
}

export interface Target {
  /** KPI key of ReplicationResult.kpis (libs/model/README.md) */
  kpi: string;
  label: string;
  lo: number;
  hi: number;
  /** the published figure the band is around (for the table) */
  reference: string;
  /** tuned: the calibration moved parameters to meet it; plausibility: an untuned check */
  kind: 'target' | 'plausibility';
  /** how figures are shown: share as %, minutes, days, count */
  unit: '%' | 'min' | 'd' | 'n';
}

const band = (centre: number, half: number) => ({ lo: centre - half, hi: centre + half });

export const TARGETS: Target[] = [
  {
    kpi: 'occupancy.prefecture.general',
    label: 'general beds (high-acute + acute + recovery) pooled',
    ...band(0.76, 0.03),
    reference: '76 ± 3 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'occupancy.prefecture.chronic',
    label: 'chronic (long-term care) beds',
    ...band(0.9, 0.03),
    reference: '90 ± 3 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'occupancy.prefecture.highAcute',
    label: 'high-acute',
    lo: 0.65,
    hi: 0.92,
    reference: '65–92 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'occupancy.prefecture.acute',
    label: 'acute',
    lo: 0.65,
    hi: 0.92,
    reference: '65–92 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'occupancy.prefecture.recovery',
    label: 'recovery',
    lo: 0.65,
    hi: 0.92,
    reference: '65–92 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'occupancy.prefecture.chronic',
    label: 'chronic',
    lo: 0.65,
    hi: 0.92,
    reference: '65–92 %',
    kind: 'target',
    unit: '%',
  },
  {
    kpi: 'ambulance.callToHospital.mean',
    label: 'call → hospital, all transported',
    ...band(45.6, 2),
    reference: '45.6 ± 2 min (2023)',
    kind: 'target',
    unit: 'min',
  },
  {
    kpi: 'ambulance.response.mean',
    label: 'call → scene',
    ...band(10, 1),
    reference: '10.0 min (2023)',
    kind: 'target',
    unit: 'min',
  },
  {
    kpi: 'bedsInUse.prefecture.highAcute',
    label: 'high-acute patients a day',
    lo: 1400,
    hi: 1650,
    reference: '≈ 1,500 (2,053 beds at ≈ 75 %)',
    kind: 'plausibility',
    unit: 'n',
  },
  {
    kpi: 'alos.general',
    label: '平均在院日数, general beds',
    lo: 13.5,
    hi: 18,
    reference: '15.7 d (2021)',
    kind: 'plausibility',
    unit: 'd',
  },
  {
    kpi: 'alos.chronic',
    label: '平均在院日数, long-term care beds',
    lo: 110,
    hi: 155,
    reference: '131.7 d (2021)',
    kind: 'plausibility',
    unit: 'd',
  },
  {
    kpi: 'admissions.perYearPer100k',
    label: 'admissions per 100,000 a year',
    lo: 11_500,
    hi: 13_500,
    reference: '12,570–13,050 (Japan 2023–24)',
    kind: 'plausibility',
    unit: 'n',
  },
  {
    kpi: 'difficultTransports.share',
    label: '搬送困難事案 per accepted ambulance patient',
    lo: 0,
    hi: 0.1,
    reference: 'a few % (national)',
    kind: 'plausibility',
    unit: '%',
  },
];

export interface TargetCheck extends Target {
  mean: number;
  halfWidth: number;
  n: number;
  /** the replication mean lies within [lo, hi] */
  met: boolean;
}

export function checkTargets(agg: AggregateResult): TargetCheck[] {
  return TARGETS.map((t) => {
    const e = agg.kpis[t.kpi];
    if (!e) throw new Error(`calibration: the aggregate has no KPI ${t.kpi}`);
    return { ...t, mean: e.mean, halfWidth: e.halfWidth, n: e.n, met: e.mean >= t.lo && e.mean <= t.hi };
  });
}

export function formatFigure(x: number, unit: Target['unit']): string {
  if (unit === '%') return `${(100 * x).toFixed(1)} %`;
  if (unit === 'min') return `${x.toFixed(1)} min`;
  if (unit === 'd') return `${x.toFixed(1)} d`;
  return Math.round(x).toLocaleString('en-US');
}

export function formatHalfWidth(x: number, unit: Target['unit']): string {
  if (unit === '%') return `${(100 * x).toFixed(2)}`;
  if (unit === 'n') return Math.round(x).toLocaleString('en-US');
  return x.toFixed(2);
}
