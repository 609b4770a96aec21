// Turns a finished replication into its plain-JSON result: flat KPIs with stable dotted keys,
// daily area × function series, weekly hospital series, hospital summaries, the flow matrix
// with 自己完結率, the conservation census and the static need. Series are rounded (they are
// for charts); KPIs keep full precision. Nothing here depends on timing or on the process.
import { BED_FUNCTIONS } from '@caretwin/scenario';
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
import { FUNCTIONS } from '../region/region-index';
import { Misc } from '../replication/events';
import { MINUTES_PER_DAY } from '../replication/state';
import type { ReplicationState } from '../replication/state';
import { Route } from './recorder';

const round = (x: number, digits: number): number => {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
};
/** JSON has no NaN: an empty statistic reads 0 (its `.count` key tells). */
const finite = (x: number): number => (Number.isFinite(x) ? x : 0);
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

const GENERAL = [0, 1, 2];

/** A replication after its run, with the series it kept. */
export type FinishedReplication = ReplicationState & {
  readonly dailyInUse: Float64Array;
  readonly dailyCapacity: Float64Array;
  readonly weeks: number;
  readonly weeklyInUse: Float64Array;
  readonly weeklyCapacity: Float64Array;
  readonly daysDone: number;
  readonly stopped: boolean;
};

export function buildReplicationResult(r: FinishedReplication): ReplicationResult {
  const { scenario, index, rec } = r;
  const A = index.areaCount;
  const H = index.hospitalCount;
  const days = r.daysDone;
  const horizon = scenario.horizonDays;
  const tEnd = (scenario.warmupDays + days) * MINUTES_PER_DAY;
  const minutes = days * MINUTES_PER_DAY;
  const kpis: Record<string, number> = {};

  // ---- occupancy by prefecture and area × function, from the daily series ----
  const dailyInUse = (a: number, f: number): Float64Array =>
    r.dailyInUse.subarray((a * FUNCTIONS + f) * horizon, (a * FUNCTIONS + f) * horizon + days);
  const dailyCap = (a: number, f: number): Float64Array =>
    r.dailyCapacity.subarray((a * FUNCTIONS + f) * horizon, (a * FUNCTIONS + f) * horizon + days);
  const scopes: Array<{ name: string; areas: number[] }> = [
    { name: 'prefecture', areas: Array.from({ length: A }, (_, a) => a) },
    ...index.areaIds.map((name, a) => ({ name, areas: [a] })),
  ];
  for (const scope of scopes) {
    const sumOver = (fs: number[]): { use: Float64Array; cap: Float64Array } => {
      const use = new Float64Array(days);
      const cap = new Float64Array(days);
      for (const a of scope.areas) {
        for (const f of fs) {
          const u = dailyInUse(a, f);
          const c = dailyCap(a, f);
          for (let d = 0; d < days; d++) {
            use[d] += u[d];
            cap[d] += c[d];
          }
        }
      }
      return { use, cap };
    };
    const mean = (xs: Float64Array): number =>
      ratio(
        xs.reduce((s, x) => s + x, 0),
        xs.length,
      );
    BED_FUNCTIONS.forEach((fn, f) => {
      const { use, cap } = sumOver([f]);
      const mu = mean(use);
      const mc = mean(cap);
      let over = 0;
      for (let d = 0; d < days; d++) if (cap[d] > 0 && use[d] / cap[d] > 0.95) over++;
      kpis[`occupancy.${scope.name}.${fn}`] = ratio(mu, mc);
      kpis[`bedsInUse.${scope.name}.${fn}`] = mu;
      kpis[`beds.${scope.name}.${fn}`] = mc;
      kpis[`daysOver95.${scope.name}.${fn}`] = over;
    });
    const general = sumOver(GENERAL);
    kpis[`occupancy.${scope.name}.general`] = ratio(mean(general.use), mean(general.cap));
    const total = sumOver([0, 1, 2, 3]);
    kpis[`occupancy.${scope.name}.total`] = ratio(mean(total.use), mean(total.cap));
  }

  // ---- flow of patients and access ----
  const refusals = rec.refusalsAmbulance + rec.refusalsWalkIn;
  kpis['refusals'] = refusals;
  kpis['refusals.ambulance'] = rec.refusalsAmbulance;
  kpis['refusals.walkIn'] = rec.refusalsWalkIn;
  kpis['overflow'] = rec.overflow;
  kpis['overflow.bedDays'] = r.misc.integral(Misc.OVERFLOW, tEnd) / MINUTES_PER_DAY;
  kpis['leftRegion'] = rec.leftRegion;
  let blocked = 0;
  BED_FUNCTIONS.forEach((fn, f) => {
    const d = r.misc.integral(Misc.BLOCKED + f, tEnd) / MINUTES_PER_DAY;
    blocked += d;
    kpis[`bedBlocking.days.${fn}`] = d;
  });
  kpis['bedBlocking.days'] = blocked;
  kpis['transfers'] = rec.transfers;
  kpis['borrowing.admissions'] = rec.borrowings;
  kpis['borrowing.bedDays'] = r.misc.integral(Misc.BORROWED, tEnd) / MINUTES_PER_DAY;

  kpis['ambulance.calls'] = rec.calls;
  kpis['ambulance.transportedNotAdmitted'] = rec.transportedNotAdmitted;
  kpis['ambulance.response.mean'] = finite(rec.response.mean);
  kpis['ambulance.response.p50'] = finite(rec.responseSketch.quantile(0.5));
  kpis['ambulance.response.p90'] = finite(rec.responseSketch.quantile(0.9));
  kpis['ambulance.callToHospital.mean'] = finite(rec.callToHospital.mean);
  kpis['ambulance.callToHospital.p50'] = finite(rec.callToHospitalSketch.quantile(0.5));
  kpis['ambulance.callToHospital.p90'] = finite(rec.callToHospitalSketch.quantile(0.9));
  kpis['ambulance.callToHospital.count'] = rec.callToHospital.count;
  kpis['ambulance.accepted'] = rec.inquiries.count;
  kpis['ambulance.inquiries.mean'] = finite(rec.inquiries.mean);
  kpis['ambulance.onScene.mean'] = finite(rec.onScene.mean);
  kpis['ambulance.vehicleWait.mean'] = finite(rec.vehicleWait.mean);
  kpis['ambulance.vehiclesBusy.mean'] = ratio(r.misc.integral(Misc.VEHICLES_BUSY, tEnd), minutes);
  kpis['difficultTransports'] = rec.difficultTransports;
  kpis['difficultTransports.share'] = ratio(rec.difficultTransports, rec.inquiries.count);

  // ---- admissions and time to care by condition ----
  const path = index.pathways;
  let admissions = 0;
  for (let c = 0; c < path.conditionCount; c++) admissions += rec.admissions[c];
  kpis['admissions'] = admissions;
  kpis['admissions.ambulance'] = rec.admissionsByRoute[Route.AMBULANCE];
  kpis['admissions.walkIn'] = rec.admissionsByRoute[Route.WALK_IN];
  kpis['admissions.elective'] = rec.admissionsByRoute[Route.ELECTIVE];
  let population = 0;
  for (const m of index.region.municipalities) {
    const pop = populationFor(m, scenario.year);
    population += pop.age0to14 + pop.age15to64 + pop.age65to74 + pop.age75plus;
  }
  kpis['admissions.perYearPer100k'] = ratio(admissions * 365 * 100_000, days * population);
  path.conditionIds.forEach((id, c) => {
    kpis[`admissions.${id}`] = rec.admissions[c];
    kpis[`timeToCare.${id}.mean`] = finite(rec.timeToCare[c].mean);
    kpis[`timeToCare.${id}.count`] = rec.timeToCare[c].count;
    if (path.timeCriticalMinutes[c] >= 0)
      kpis[`timeToCare.${id}.withinThreshold`] = ratio(rec.withinThreshold[c], rec.timeToCareTotal[c]);
  });
  kpis['elective.waitDays.mean'] = finite(rec.electiveWaitDays.mean);
  kpis['elective.waiting.mean'] = ratio(r.misc.integral(Misc.ELECTIVE_LIST, tEnd), minutes);

  kpis['eligibility.failures'] = rec.eligibilityFailures;
  kpis['eligibility.delayMinutes'] = rec.eligibilityDelayMinutes;
  kpis['eligibility.deferred'] = rec.deferred;
  kpis['eligibility.forgone'] = rec.forgone;

  BED_FUNCTIONS.forEach((fn, f) => (kpis[`los.${fn}`] = finite(rec.lengthOfStay[f].mean)));
  // 平均在院日数 (MHLW): bed-days ÷ ((admissions + discharges) ÷ 2), per ward group.
  let generalBedDays = 0;
  for (let a = 0; a < A; a++)
    for (const f of GENERAL) generalBedDays += dailyInUse(a, f).reduce((s, x) => s + x, 0);
  let chronicBedDays = 0;
  for (let a = 0; a < A; a++) chronicBedDays += dailyInUse(a, 3).reduce((s, x) => s + x, 0);
  kpis['alos.general'] = ratio(generalBedDays, (rec.groupIn[0] + rec.groupOut[0]) / 2);
  kpis['alos.chronic'] = ratio(chronicBedDays, (rec.groupIn[1] + rec.groupOut[1]) / 2);
  kpis['discharges'] = rec.discharges;
  kpis['deaths'] = rec.deaths;

  // ---- flow matrix and 自己完結率 ----
  const flow: FlowMatrix = { areas: [...index.areaIds], admissions: [], leftRegion: [], selfSufficiency: [] };
  for (let a = 0; a < A; a++) {
    const row = Array.from(rec.flow.subarray(a * A, a * A + A));
    const left = rec.flowLeftRegion[a];
    const total = row.reduce((s, x) => s + x, 0) + left;
    flow.admissions.push(row);
    flow.leftRegion.push(left);
    flow.selfSufficiency.push(ratio(row[a], total));
    kpis[`selfSufficiency.${index.areaIds[a]}`] = ratio(row[a], total);
  }
  kpis['events'] = r.sim.eventsProcessed;

  // ---- series and hospital summaries ----
  const dailyOccupancy: AreaFunctionSeries[] = [];
  for (let a = 0; a < A; a++) {
    BED_FUNCTIONS.forEach((fn, f) =>
      dailyOccupancy.push({
        area: index.areaIds[a],
        function: fn,
        inUse: Array.from(dailyInUse(a, f), (x) => round(x, 3)),
        capacity: Array.from(dailyCap(a, f), (x) => round(x, 3)),
      }),
    );
  }
  const weeks = Math.ceil(days / 7);
  const weeklyHospitalOccupancy: HospitalWeeklySeries[] = [];
  const hospitals: HospitalSummary[] = [];
  for (let h = 0; h < H; h++) {
    weeklyHospitalOccupancy.push({
      hospital: index.hospitalIds[h],
      inUse: Array.from(r.weeklyInUse.subarray(h * r.weeks, h * r.weeks + weeks), (x) => round(x, 2)),
      capacity: Array.from(r.weeklyCapacity.subarray(h * r.weeks, h * r.weeks + weeks), (x) => round(x, 2)),
    });
    const inUse = {} as HospitalSummary['inUse'];
    const capacity = {} as HospitalSummary['capacity'];
    let u = 0;
    let c = 0;
    BED_FUNCTIONS.forEach((fn, f) => {
      inUse[fn] = ratio(r.poolLevel.integral(h * FUNCTIONS + f, tEnd), minutes);
      capacity[fn] = ratio(r.poolCapacity.integral(h * FUNCTIONS + f, tEnd), minutes);
      u += inUse[fn];
      c += capacity[fn];
    });
    hospitals.push({
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

  return {
    schemaVersion: 1,
    scenarioId: scenario.id,
    regionId: index.region.id,
    seed: scenario.seed,
    replication: r.replication,
    startDate: scenario.startDate,
    warmupDays: scenario.warmupDays,
    horizonDays: scenario.horizonDays,
    daysSimulated: days,
    stoppedEarly: r.stopped,
    kpis,
    dailyOccupancy,
    weeklyHospitalOccupancy,
    hospitals,
    flow,
    census: conservationCensus(r),
    staticNeed: staticNeed(r.resolved),
  };
}
