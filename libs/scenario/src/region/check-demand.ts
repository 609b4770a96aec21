// Cross-reference checks of the demand side that a schema cannot express: detailed population
// given for every municipality or none, on the same years and summing to the four bands;
// scheduled and ambulance shares within one; 医療資源投入量 segments in order, and each phase
// with a ward that its points (or its explicit `function`) give, the two agreeing when both
// are there.

import type { IssueList, Path } from '../parse/located';
import { finite, list, record, text } from '../parse/raw';
import {
  AGE_BANDS,
  BED_FUNCTIONS,
  FIVE_YEAR_BAND_AGE_BAND,
  type BedFunction,
  type ResourceIntensity,
  type ResourcePointThresholds,
  type ResourceSegment,
} from '../types';
import { DEFAULT_RESOURCE_POINT_THRESHOLDS, wardFunction } from './bed-function';

/** Data files round to whole persons: a band may differ from the sum of its 5-year bands by this. */
const PERSONS_TOLERANCE = 1;
const SHARE_TOLERANCE = 1e-9;

export function checkDemand(region: Record<string, unknown>, issues: IssueList): void {
  checkDetailedPopulation(region, issues);
  const thresholds = checkThresholds(region, issues);
  list(region.conditions).forEach((raw, c) => {
    const condition = record(raw);
    const path: Path = ['conditions', c];
    const ambulance = finite(condition.ambulanceShare) ?? 0;
    const scheduled = finite(condition.scheduledShare) ?? 0;
    if (ambulance + scheduled > 1 + SHARE_TOLERANCE)
      issues.add(
        [...path, 'scheduledShare'],
        `ambulanceShare + scheduledShare must not exceed 1 (${ambulance} + ${scheduled}): scheduled patients do not come by ambulance`,
      );
    list(condition.phases).forEach((phase, j) =>
      checkPhaseFunction(record(phase), [...path, 'phases', j], thresholds, issues),
    );
  });
}

function checkDetailedPopulation(region: Record<string, unknown>, issues: IssueList): void {
  const municipalities = list(region.municipalities).map(record);
  const detailed = municipalities.filter((m) => m.populationBySexAge !== undefined).length;
  if (detailed === 0) return;
  municipalities.forEach((m, i) => {
    const path: Path = ['municipalities', i, 'populationBySexAge'];
    if (m.populationBySexAge === undefined) {
      issues.add(
        ['municipalities', i],
        `populationBySexAge is given for ${detailed} of ${municipalities.length} municipalities: give it for all or none`,
      );
      return;
    }
    const bands = record(m.population);
    const bySexAge = record(m.populationBySexAge);
    const years = Object.keys(bands).sort();
    const detailedYears = Object.keys(bySexAge).sort();
    if (years.join() !== detailedYears.join()) {
      issues.add(
        path,
        `populationBySexAge has the years ${detailedYears.join(', ')}, population has ${years.join(', ')}: they must be the same`,
      );
      return;
    }
    for (const year of years) {
      const cells = record(bySexAge[year]);
      const male = list(cells.male).map(finite);
      const female = list(cells.female).map(finite);
      if (male.length !== FIVE_YEAR_BAND_AGE_BAND.length || female.length !== male.length) continue;
      if ([...male, ...female].some((x) => x === undefined)) continue;
      const sums = new Array<number>(AGE_BANDS.length).fill(0);
      FIVE_YEAR_BAND_AGE_BAND.forEach((b, k) => (sums[b] += male[k]! + female[k]!));
      AGE_BANDS.forEach((band, b) => {
        const given = finite(record(bands[year])[band]);
        if (given !== undefined && Math.abs(given - sums[b]) > PERSONS_TOLERANCE)
          issues.add(
            [...path, year],
            `the 5-year bands of ${band} sum to ${sums[b]} persons, population.${year}.${band} is ${given}`,
          );
      });
    }
  });
}

function checkThresholds(region: Record<string, unknown>, issues: IssueList): ResourcePointThresholds {
  const raw = record(region.resourcePointThresholds);
  const d = DEFAULT_RESOURCE_POINT_THRESHOLDS;
  const t: ResourcePointThresholds = {
    highAcute: finite(raw.highAcute) ?? d.highAcute,
    acute: finite(raw.acute) ?? d.acute,
    recovery: finite(raw.recovery) ?? d.recovery,
    dischargeAdjustment: finite(raw.dischargeAdjustment) ?? d.dischargeAdjustment,
  };
  if (!(t.highAcute > t.acute && t.acute > t.recovery && t.recovery >= t.dischargeAdjustment))
    issues.add(
      ['resourcePointThresholds'],
      `thresholds must fall: highAcute > acute > recovery ≥ dischargeAdjustment (${t.highAcute} / ${t.acute} / ${t.recovery} / ${t.dischargeAdjustment})`,
    );
  return t;
}

/** Segments in order of `until`, only the last open-ended; undefined when malformed (reported). */
function readSegments(raw: unknown, path: Path, issues: IssueList): ResourceSegment[] | undefined {
  const out: ResourceSegment[] = [];
  let previous = 0;
  const items = list(raw);
  for (let k = 0; k < items.length; k++) {
    const s = record(items[k]);
    const points = finite(s.points);
    const until = s.until === undefined || s.until === null ? null : finite(s.until);
    if (points === undefined || until === undefined) return undefined;
    const last = k === items.length - 1;
    if (until === null && !last) {
      issues.add([...path, k, 'until'], 'only the last segment may run to the end of the stay (until: null)');
      return undefined;
    }
    if (until !== null && last) {
      issues.add([...path, k, 'until'], 'the last segment must run to the end of the stay (until: null)');
      return undefined;
    }
    if (until !== null && until <= previous) {
      issues.add([...path, k, 'until'], `segments must end in order: day ${until} after day ${previous}`);
      return undefined;
    }
    previous = until ?? previous;
    out.push({ until, points });
  }
  return out.length > 0 ? out : undefined;
}

function checkPhaseFunction(
  phase: Record<string, unknown>,
  path: Path,
  thresholds: ResourcePointThresholds,
  issues: IssueList,
): void {
  const given = text(phase.function) as BedFunction | undefined;
  if (phase.pointsPerDay === undefined) {
    if (phase.function === undefined)
      issues.add(path, 'a phase needs its bed `function` or its `pointsPerDay` (医療資源投入量)');
    return;
  }
  const raw = record(phase.pointsPerDay);
  const segments = readSegments(raw.segments, [...path, 'pointsPerDay', 'segments'], issues);
  if (raw.afterHighAcute !== undefined)
    readSegments(raw.afterHighAcute, [...path, 'pointsPerDay', 'afterHighAcute'], issues);
  const meanDays = finite(record(phase.stay).meanDays);
  if (segments === undefined || meanDays === undefined) return;
  const rule = text(raw.rule);
  const resource: ResourceIntensity = {
    segments,
    rule: rule === 'kaifukuki' || rule === 'ryoyo' ? rule : null,
  };
  const ward = wardFunction(resource, meanDays, thresholds);
  if (ward === null) {
    issues.add(
      [...path, 'pointsPerDay'],
      `every day of this phase is below ${thresholds.dischargeAdjustment} points (home or facility care, not a bed): raise the points or give a ward rule`,
    );
    return;
  }
  if (given !== undefined && BED_FUNCTIONS.includes(given) && given !== ward)
    issues.add(
      [...path, 'function'],
      `function "${given}" disagrees with the ward its pointsPerDay give ("${ward}"); drop \`function\` or change the points`,
    );
}
