// Turns a finished replication into its plain-JSON result: flat KPIs with stable dotted keys,
// daily area × function series, weekly hospital series, hospital summaries, the flow matrix
// with 自己完結率, the conservation census and the static need. Series are rounded (they are
// for charts); KPIs keep full precision. Nothing here depends on timing or on the process.
// Each part of the result has its own function; the KPI keys are written in a fixed order
// (occupancy, patient flow, ambulances, admissions, stays, self-sufficiency, events), which is
// the order of `kpis` in the JSON.
import { BED_FUNCTIONS, MINUTES_PER_DAY } from '@caretwin/contracts';
import type {
  AreaFunctionSeries,
  FlowMatrix,
  HospitalSummary,
  HospitalWeeklySeries,
  ReplicationResult,
} from '@caretwin/contracts';
import { conservationCensus } from '../census/conservation';
import { populationFor } from '../demand/rates';
import { staticNeed } from '../need/static-need';
import { CHRONIC, FUNCTIONS, RegionIndex } from '../region/region-index';
import type { DayClock } from '../replication/days';
import { Misc } from '../replication/events';
import type { ReplicationState } from '../replication/state';
import { REFUSAL_REASONS, Route } from './recorder';

type Kpis = Record<string, number>;

const round = (x: number, digits: number): number => {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
};
/** JSON has no NaN: an empty statistic reads 0 (its `.count` key tells). */
const finite = (x: number): number => (Number.isFinite(x) ? x : 0);
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const sum = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0);
const mean = (xs: Float64Array): number => ratio(sum(xs), xs.length);

const ALL = BED_FUNCTIONS.map((_, f) => f);
/** 一般病床: every function but chronic. */
const GENERAL = ALL.filter((f) => f !== CHRONIC);

/** The measured part of the run: horizon days simulated (fewer when cancelled) and when it ended. */
interface Span {
  days: number;
  /** end of the last simulated day, minutes since the start (warm-up included) */
  tEnd: number;
  /** minutes measured */
  minutes: number;
}

/** The daily area × function series of the days simulated. */
class DailySeries {
  constructor(
    private readonly clock: DayClock,
    private readonly horizon: number,
    readonly days: number,
  ) {}

  inUse(a: number, f: number): Float64Array {
    const start = (a * FUNCTIONS + f) * this.horizon;
    return this.clock.dailyInUse.subarray(start, start + this.days);
  }

  capacity(a: number, f: number): Float64Array {
    const start = (a * FUNCTIONS + f) * this.horizon;
    return this.clock.dailyCapacity.subarray(start, start + this.days);
  }

  /** Day by day sums over some areas and functions. */
  sumOver(areas: number[], fs: number[]): { use: Float64Array; cap: Float64Array } {
    const use = new Float64Array(this.days);
    const cap = new Float64Array(this.days);
    for (const a of areas) {
      for (const f of fs) {
        const u = this.inUse(a, f);
        const c = this.capacity(a, f);
        for (let d = 0; d < this.days; d++) {
          use[d] += u[d];
          cap[d] += c[d];
        }
      }
    }
    return { use, cap };
  }
}

export function buildReplicationResult(state: ReplicationState, clock: DayClock): ReplicationResult {
  const { scenario, index } = state;
  const days = clock.daysDone;
  const tEnd = (scenario.warmupDays + days) * MINUTES_PER_DAY;
  const span: Span = { days, tEnd, minutes: days * MINUTES_PER_DAY };
  const series = new DailySeries(clock, scenario.horizonDays, days);

  const kpis: Kpis = {};
  occupancyKpis(kpis, index, series);
  patientFlowKpis(kpis, state, span);
  ambulanceKpis(kpis, state, span);
  admissionKpis(kpis, state, span);
  stayKpis(kpis, state, series);
  const flow = flowMatrix(kpis, state);
  kpis['events'] = state.sim.eventsProcessed;

  return {
    schemaVersion: 1,
    scenarioId: scenario.id,
    regionId: index.region.id,
    seed: scenario.seed,
    replication: state.replication,
    startDate: scenario.startDate,
    warmupDays: scenario.warmupDays,
    horizonDays: scenario.horizonDays,
    daysSimulated: days,
    stoppedEarly: clock.stopped,
    kpis,
    dailyOccupancy: dailyOccupancy(index, series),
    weeklyHospitalOccupancy: weeklyHospitalOccupancy(index, clock, days),
    hospitals: hospitalSummaries(state, span),
    flow,
    census: conservationCensus(state),
    staticNeed: staticNeed(state.resolved),
  };
}

/** Occupancy by prefecture and by area, per function, 一般病床 and in total, from the daily series. */
function occupancyKpis(kpis: Kpis, index: RegionIndex, series: DailySeries): void {
  const scopes: Array<{ name: string; areas: number[] }> = [
    { name: 'prefecture', areas: Array.from({ length: index.areaCount }, (_, a) => a) },
    ...index.areaIds.map((name, a) => ({ name, areas: [a] })),
  ];
  for (const scope of scopes) {
    BED_FUNCTIONS.forEach((fn, f) => {
      const { use, cap } = series.sumOver(scope.areas, [f]);
      const mu = mean(use);
      const mc = mean(cap);
      let over = 0;
      for (let d = 0; d < series.days; d++) if (cap[d] > 0 && use[d] / cap[d] > 0.95) over++;
      kpis[`occupancy.${scope.name}.${fn}`] = ratio(mu, mc);
      kpis[`bedsInUse.${scope.name}.${fn}`] = mu;
      kpis[`beds.${scope.name}.${fn}`] = mc;
      kpis[`daysOver95.${scope.name}.${fn}`] = over;
    });
    const general = series.sumOver(scope.areas, GENERAL);
    kpis[`occupancy.${scope.name}.general`] = ratio(mean(general.use), mean(general.cap));
    const total = series.sumOver(scope.areas, ALL);
    kpis[`occupancy.${scope.name}.total`] = ratio(mean(total.use), mean(total.cap));
  }
}

/** Refusals, overflow, patients leaving the region, bed blocking, transfers and borrowing. */
function patientFlowKpis(kpis: Kpis, state: ReplicationState, span: Span): void {
  const { rec, misc } = state;
  const bedDays = (slot: number): number => misc.integral(slot, span.tEnd) / MINUTES_PER_DAY;
  // Walk-ins sent on from a full first choice: patients, not inquiries (those are ambulanceKpis').
  kpis['walkIns.redirected'] = rec.walkInsRedirected;
  kpis['walkIns.redirectedShare'] = ratio(rec.walkInsRedirected, rec.walkIns);
  kpis['overflow'] = rec.overflow;
  kpis['overflow.bedDays'] = bedDays(Misc.OVERFLOW);
  kpis['leftRegion'] = rec.leftRegion;
  let blocked = 0;
  BED_FUNCTIONS.forEach((fn, f) => {
    const d = bedDays(Misc.BLOCKED + f);
    blocked += d;
    kpis[`bedBlocking.days.${fn}`] = d;
  });
  kpis['bedBlocking.days'] = blocked;
  state.index.areaIds.forEach((id, a) => {
    kpis[`bedBlocking.days.${id}`] = state.blockedByArea.integral(a, span.tEnd) / MINUTES_PER_DAY;
  });
  kpis['transfers'] = rec.transfers;
  kpis['transfers.minutes.mean'] = ratio(rec.transferMinutes, rec.transfers);
  kpis['stepDowns.recoveryTail'] = rec.tailStepDowns;
  // Acute bed-days of recovery-level care whose hospital's recovery ward was full (a form of
  // bed blocking the plan's conversions answer; not in bedBlocking.days, which counts phases).
  kpis['stepDowns.recoveryTailWaitDays'] = bedDays(Misc.TAIL_WAITING);
  kpis['borrowing.admissions'] = rec.borrowings;
  kpis['borrowing.bedDays'] = bedDays(Misc.BORROWED);
}

/**
 * Calls, response and call-to-hospital times, inquiries (照会) and why they were refused,
 * vehicles (call wait, mutual aid, utilisation), 搬送困難事案, and the same by home area.
 */
function ambulanceKpis(kpis: Kpis, state: ReplicationState, span: Span): void {
  const { rec, index } = state;
  kpis['ambulance.calls'] = rec.calls;
  kpis['ambulance.transportedNotAdmitted'] = rec.transportedNotAdmitted;
  kpis['ambulance.response.mean'] = finite(rec.response.mean);
  kpis['ambulance.response.p50'] = finite(rec.responseSketch.quantile(0.5));
  kpis['ambulance.response.p90'] = finite(rec.responseSketch.quantile(0.9));
  kpis['ambulance.callToHospital.mean'] = finite(rec.callToHospital.mean);
  kpis['ambulance.callToHospital.p50'] = finite(rec.callToHospitalSketch.quantile(0.5));
  kpis['ambulance.callToHospital.p90'] = finite(rec.callToHospitalSketch.quantile(0.9));
  kpis['ambulance.callToHospital.count'] = rec.callToHospital.count;
  const accepted = rec.inquiriesPerAccepted.count;
  kpis['ambulance.accepted'] = accepted;
  kpis['ambulance.onScene.mean'] = finite(rec.onScene.mean);
  kpis['ambulance.onScene30Share'] = ratio(rec.onScene30, accepted);

  let refused = 0;
  for (const n of rec.inquiriesRefused) refused += n;
  kpis['inquiries.total'] = rec.inquiries;
  kpis['inquiries.refused'] = refused;
  kpis['inquiries.refusedShare'] = ratio(refused, rec.inquiries);
  REFUSAL_REASONS.forEach((reason, r) => (kpis[`inquiries.refused.${reason}`] = rec.inquiriesRefused[r]));
  kpis['inquiries.perAcceptedPatient.mean'] = finite(rec.inquiriesPerAccepted.mean);
  kpis['inquiries.firstAcceptedShare'] = ratio(rec.firstAccepted, accepted);
  kpis['inquiries.fourPlusShare'] = ratio(rec.fourPlusInquiries, accepted);
  kpis['difficultTransports'] = rec.difficultTransports;
  kpis['difficultTransports.share'] = ratio(rec.difficultTransports, accepted);

  kpis['ambulance.callWait.mean'] = finite(rec.callWait.mean);
  kpis['ambulance.callWait.p90'] = finite(rec.callWaitSketch.quantile(0.9));
  kpis['ambulance.callWait.queuedShare'] = ratio(rec.callsQueued, rec.callWait.count);
  kpis['ambulance.mutualAid'] = rec.mutualAid;
  kpis['ambulance.mutualAid.share'] = ratio(rec.mutualAid, rec.callWait.count);
  kpis['ambulance.vehiclesBusy.mean'] = ratio(
    state.misc.integral(Misc.VEHICLES_BUSY, span.tEnd),
    span.minutes,
  );
  // Busy vehicle-minutes ÷ fleet vehicle-minutes, by the area of the base.
  const busy = new Float64Array(index.areaCount);
  const fleet = new Float64Array(index.areaCount);
  for (let b = 0; b < index.baseCount; b++) {
    busy[index.baseArea[b]] += state.baseBusy.integral(b, span.tEnd);
    fleet[index.baseArea[b]] += state.baseFleet.integral(b, span.tEnd);
  }
  kpis['ambulance.utilisation.prefecture'] = ratio(sum(busy), sum(fleet));
  index.areaIds.forEach((id, a) => (kpis[`ambulance.utilisation.${id}`] = ratio(busy[a], fleet[a])));

  index.areaIds.forEach((id, a) => {
    kpis[`area.${id}.response.mean`] = ratio(rec.areaResponse[a], rec.areaResponseCount[a]);
    kpis[`area.${id}.callToHospital.mean`] = ratio(rec.areaCallToHospital[a], rec.areaCallToHospitalCount[a]);
    kpis[`area.${id}.callWait.mean`] = ratio(rec.areaCallWait[a], rec.areaCallWaitCount[a]);
    kpis[`area.${id}.difficultTransports`] = rec.areaDifficultTransports[a];
    kpis[`area.${id}.inquiriesRefusedShare`] = ratio(rec.areaInquiriesRefused[a], rec.areaInquiries[a]);
    kpis[`area.${id}.walkInsRedirected`] = rec.areaWalkInsRedirected[a];
  });
}

/** Admissions by route and condition, time to care, scheduled waits and eligibility checks. */
function admissionKpis(kpis: Kpis, state: ReplicationState, span: Span): void {
  const { rec, index, scenario } = state;
  const path = index.pathways;
  let admissions = 0;
  for (let c = 0; c < path.conditionCount; c++) admissions += rec.admissions[c];
  kpis['admissions'] = admissions;
  kpis['admissions.ambulance'] = rec.admissionsByRoute[Route.AMBULANCE];
  kpis['admissions.walkIn'] = rec.admissionsByRoute[Route.WALK_IN];
  kpis['admissions.scheduled'] = rec.admissionsByRoute[Route.SCHEDULED];
  kpis['admissions.emergency'] =
    rec.admissionsByRoute[Route.AMBULANCE] + rec.admissionsByRoute[Route.WALK_IN];
  let population = 0;
  for (const m of index.region.municipalities) {
    const pop = populationFor(m, scenario.year);
    population += pop.age0to14 + pop.age15to64 + pop.age65to74 + pop.age75plus;
  }
  kpis['admissions.perYearPer100k'] = ratio(admissions * 365 * 100_000, span.days * population);
  path.conditionIds.forEach((id, c) => {
    kpis[`admissions.${id}`] = rec.admissions[c];
    kpis[`timeToCare.${id}.mean`] = finite(rec.timeToCare[c].mean);
    kpis[`timeToCare.${id}.count`] = rec.timeToCare[c].count;
    if (path.timeCriticalMinutes[c] >= 0)
      kpis[`timeToCare.${id}.withinThreshold`] = ratio(rec.withinThreshold[c], rec.timeToCareTotal[c]);
  });
  kpis['scheduled.waitDays.mean'] = finite(rec.scheduledWaitDays.mean);
  kpis['scheduled.waiting.mean'] = ratio(state.misc.integral(Misc.BOOKED, span.tEnd), span.minutes);

  kpis['eligibility.failures'] = rec.eligibilityFailures;
  kpis['eligibility.failures.outage'] = rec.eligibilityFailuresOutage;
  kpis['eligibility.failures.individual'] = rec.eligibilityFailuresIndividual;
  kpis['eligibility.staffMinutes'] = rec.eligibilityStaffMinutes;
  kpis['eligibility.delayMinutes'] = rec.eligibilityDelayMinutes;
  kpis['eligibility.proofDocument'] = rec.eligibilityProof;
  kpis['eligibility.fullPayUpfront'] = rec.eligibilityFullPay;
  kpis['eligibility.deferredOutpatient'] = rec.eligibilityDeferredOutpatient;
  kpis['eligibility.laterAdmissions'] = rec.eligibilityLaterAdmissions;
}

/** Length of stay per function, 平均在院日数 per ward group, discharges and deaths. */
function stayKpis(kpis: Kpis, state: ReplicationState, series: DailySeries): void {
  const rec = state.rec;
  const A = state.index.areaCount;
  BED_FUNCTIONS.forEach((fn, f) => (kpis[`los.${fn}`] = finite(rec.lengthOfStay[f].mean)));
  // 平均在院日数 (MHLW): bed-days ÷ ((admissions + discharges) ÷ 2), per ward group.
  let generalBedDays = 0;
  for (let a = 0; a < A; a++) for (const f of GENERAL) generalBedDays += sum(series.inUse(a, f));
  let chronicBedDays = 0;
  for (let a = 0; a < A; a++) chronicBedDays += sum(series.inUse(a, CHRONIC));
  kpis['alos.general'] = ratio(generalBedDays, (rec.groupIn[0] + rec.groupOut[0]) / 2);
  kpis['alos.chronic'] = ratio(chronicBedDays, (rec.groupIn[1] + rec.groupOut[1]) / 2);
  kpis['discharges'] = rec.discharges;
  kpis['deaths'] = rec.deaths;
}

/** Admissions by home area × treating area, left-region, and 自己完結率 (also as KPIs). */
function flowMatrix(kpis: Kpis, state: ReplicationState): FlowMatrix {
  const { rec, index } = state;
  const A = index.areaCount;
  const flow: FlowMatrix = { areas: [...index.areaIds], admissions: [], leftRegion: [], selfSufficiency: [] };
  for (let a = 0; a < A; a++) {
    const row = Array.from(rec.flow.subarray(a * A, a * A + A));
    const left = rec.flowLeftRegion[a];
    const total = row.reduce((s, x) => s + x, 0) + left;
    flow.admissions.push(row);
    flow.leftRegion.push(left);
    flow.selfSufficiency.push(ratio(row[a], total));
    kpis[`selfSufficiency.${index.areaIds[a]}`] = ratio(row[a], total);
    // Residents admitted outside their area (or who left the region) ÷ residents admitted.
    kpis[`outflow.${index.areaIds[a]}`] = ratio(total - row[a], total);
  }
  // By area for the by-area tables (issue 16): residents admitted anywhere in the region and
  // residents who left it (home area), and patients admitted over capacity (treating area:
  // overflow is where the hospital is).
  const overflow = new Float64Array(A);
  for (let h = 0; h < index.hospitalCount; h++) overflow[index.hospitalArea[h]] += rec.hospitalOverflow[h];
  for (let a = 0; a < A; a++) {
    const id = index.areaIds[a];
    kpis[`area.${id}.admissions`] = flow.admissions[a].reduce((s, x) => s + x, 0);
    kpis[`area.${id}.leftRegion`] = flow.leftRegion[a];
    kpis[`area.${id}.overflow`] = overflow[a];
  }
  return flow;
}

/** Daily beds in use and capacity per area × function, for charts (3 decimals). */
function dailyOccupancy(index: RegionIndex, series: DailySeries): AreaFunctionSeries[] {
  const out: AreaFunctionSeries[] = [];
  for (let a = 0; a < index.areaCount; a++) {
    BED_FUNCTIONS.forEach((fn, f) =>
      out.push({
        area: index.areaIds[a],
        function: fn,
        inUse: Array.from(series.inUse(a, f), (x) => round(x, 3)),
        capacity: Array.from(series.capacity(a, f), (x) => round(x, 3)),
      }),
    );
  }
  return out;
}

/** Weekly beds in use and capacity per hospital, all functions, for charts (2 decimals). */
function weeklyHospitalOccupancy(index: RegionIndex, clock: DayClock, days: number): HospitalWeeklySeries[] {
  const weeks = Math.ceil(days / 7);
  const stride = clock.weeks;
  const out: HospitalWeeklySeries[] = [];
  for (let h = 0; h < index.hospitalCount; h++) {
    out.push({
      hospital: index.hospitalIds[h],
      inUse: Array.from(clock.weeklyInUse.subarray(h * stride, h * stride + weeks), (x) => round(x, 2)),
      capacity: Array.from(clock.weeklyCapacity.subarray(h * stride, h * stride + weeks), (x) => round(x, 2)),
    });
  }
  return out;
}

/** Per hospital: mean beds in use and capacity per function, utilisation and its counters. */
function hospitalSummaries(state: ReplicationState, span: Span): HospitalSummary[] {
  const { index, rec } = state;
  const out: HospitalSummary[] = [];
  for (let h = 0; h < index.hospitalCount; h++) {
    const inUse = {} as HospitalSummary['inUse'];
    const capacity = {} as HospitalSummary['capacity'];
    let u = 0;
    let c = 0;
    BED_FUNCTIONS.forEach((fn, f) => {
      inUse[fn] = ratio(state.poolLevel.integral(h * FUNCTIONS + f, span.tEnd), span.minutes);
      capacity[fn] = ratio(state.poolCapacity.integral(h * FUNCTIONS + f, span.tEnd), span.minutes);
      u += inUse[fn];
      c += capacity[fn];
    });
    out.push({
      hospital: index.hospitalIds[h],
      area: index.areaIds[index.hospitalArea[h]],
      inUse,
      capacity,
      utilisation: ratio(u, c),
      admissions: rec.hospitalAdmissions[h],
      refusals: rec.hospitalRefusals[h],
      overflow: rec.hospitalOverflow[h],
    });
  }
  return out;
}
