import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { EligibilityParameters, Policy } from '@caretwin/scenario';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { Check } from './eligibility';
import { Replication } from './replication';

// Two hospitals with room to spare in one area, an ambulance base, and three conditions: stroke
// (mostly by ambulance, time-critical), pneumonia (walk-ins, the condition deferred care returns
// as) and a scheduled operation. Beds never run short, so anything an eligibility check did to
// the flow of patients would show as a difference from the run without failures.
const region = (eligibility: Partial<EligibilityParameters>) =>
  buildRegion({
    areas: [{ id: 'a' }],
    municipalities: [
      { id: 'm1', area: 'a', lat: 38.2, lng: 140.8, population: 200_000 },
      { id: 'm2', area: 'a', lat: 38.4, lng: 140.9, population: 200_000 },
    ],
    hospitals: [
      { id: 'h1', area: 'a', municipality: 'm1', lat: 38.2, lng: 140.8, beds: { acute: 2000 } },
      { id: 'h2', area: 'a', municipality: 'm2', lat: 38.4, lng: 140.9, beds: { acute: 2000 } },
    ],
    bases: [{ id: 'b', area: 'a', municipality: 'm1', lat: 38.2, lng: 140.8, vehicles: 40 }],
    conditions: [
      condition({
        id: 'stroke',
        ratePer100k: 3000,
        ambulanceShare: 0.7,
        timeCriticalMinutes: 270,
        phases: [{ id: 'ward', function: 'acute', meanDays: 5, cv: 0.5 }],
      }),
      condition({
        id: 'pneumonia',
        ratePer100k: 4000,
        ambulanceShare: 0.2,
        phases: [{ id: 'ward', function: 'acute', meanDays: 6, cv: 0.5 }],
      }),
      condition({
        id: 'operation',
        ratePer100k: 3000,
        scheduledShare: 1,
        phases: [{ id: 'ward', function: 'acute', meanDays: 3, cv: 0.5 }],
      }),
    ],
    eligibility,
  });

interface Logged {
  t: number;
  h: number;
  result: number;
  stayFactor: number;
}

/** One replication with every eligibility check logged (time, hospital, what it found). */
function run(
  eligibility: Partial<EligibilityParameters>,
  horizonDays = 60,
  policies: Policy[] = [],
): { result: ReplicationResult; checks: Logged[] } {
  const replication = new Replication(
    resolvedScenario(region(eligibility), { horizonDays, warmupDays: 5, policies }),
    0,
  );
  const checks: Logged[] = [];
  const eligibilityCheck = replication.eligibility;
  const check = eligibilityCheck.check.bind(eligibilityCheck);
  const state = replication.state;
  eligibilityCheck.check = (pid: number, h: number): number => {
    const result = check(pid, h);
    checks.push({ t: state.sim.now, h, result, stayFactor: state.patients.stayFactor[pid] });
    return result;
  };
  return { result: replication.run(), checks };
}

const nonEligibility = (r: ReplicationResult) =>
  Object.fromEntries(Object.entries(r.kpis).filter(([key]) => !key.startsWith('eligibility.')));

/** Runs of consecutive failed checks (in check order): first and last time of each. */
function runsOfFailures(checks: Logged[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = false;
  for (const c of checks) {
    if (c.result === Check.OK) open = false;
    else if (open) out[out.length - 1][1] = c.t;
    else {
      out.push([c.t, c.t]);
      open = true;
    }
  }
  return out;
}

/** Failures of hospital h (or of any, h = −1) in runs: a gap of more than `gap` minutes starts a new one. */
function clusters(checks: Logged[], h: number, gap = 12 * 60): Array<[number, number]> {
  const times = checks.filter((c) => c.result !== Check.OK && (h < 0 || c.h === h)).map((c) => c.t);
  const out: Array<[number, number]> = [];
  for (const t of times) {
    const last = out[out.length - 1];
    if (last && t - last[1] <= gap) last[1] = t;
    else out.push([t, t]);
  }
  return out;
}

const inside = (t: number, windows: Array<[number, number]>) => windows.some(([a, b]) => t >= a && t <= b);

describe('the online eligibility check (オンライン資格確認)', () => {
  const without = run({});
  const failing = run({
    failureRate: 0.2,
    hospitalOutagesPerDay: 0.1,
    regionOutagesPerYear: 10,
    staffMinutes: 12,
    delayMinutes: 20,
    deferShare: 0.3,
  });

  it('never holds an admission back: every admission, time to care and refusal is as without failures', () => {
    expect(failing.result.kpis['eligibility.failures.individual']).toBeGreaterThan(100);
    expect(failing.result.kpis['eligibility.failures.outage']).toBeGreaterThan(10);
    // Ambulance and emergency patients reach the same bed at the same minute; nobody is turned away.
    expect(nonEligibility(failing.result)).toEqual(nonEligibility(without.result));
    expect(failing.result.census.byState).toEqual(without.result.census.byState);
    expect(failing.result.hospitals).toEqual(without.result.hospitals);
  });

  it('costs the staff minutes of each failed check and splits failures by cause and by how they are settled', () => {
    const k = failing.result.kpis;
    expect(k['eligibility.staffMinutes']).toBe(k['eligibility.failures'] * 12);
    expect(k['eligibility.failures.outage'] + k['eligibility.failures.individual']).toBe(
      k['eligibility.failures'],
    );
    expect(k['eligibility.proofDocument'] + k['eligibility.fullPayUpfront']).toBe(k['eligibility.failures']);
    expect(k['eligibility.fullPayUpfront']).toBeGreaterThan(0);
    // Only scheduled patients wait at the desk: some failed checks add no delay.
    expect(k['eligibility.delayMinutes'] % 20).toBe(0);
    expect(k['eligibility.delayMinutes']).toBeGreaterThan(0);
    expect(k['eligibility.delayMinutes']).toBeLessThan(k['eligibility.failures'] * 20 * 0.6);
    // Outpatients are not simulated: the deferred visits are the expected number per 10割 case.
    expect(k['eligibility.deferredOutpatient']).toBeCloseTo(k['eligibility.fullPayUpfront'] * 140 * 0.3, 6);
    expect(without.result.kpis['eligibility.failures']).toBe(0);
  });

  it('makes failures cluster in time at one hospital during its outage', () => {
    const { checks } = run({ hospitalOutagesPerDay: 0.05, hospitalOutageHours: 3 }, 200);
    expect(checks.filter((c) => c.result !== Check.OK).every((c) => c.result === Check.OUTAGE)).toBe(true);
    for (const h of [0, 1]) {
      const windows = runsOfFailures(checks.filter((c) => c.h === h));
      const failures = checks.filter((c) => c.h === h && c.result !== Check.OK).length;
      // About 0.05 × 205 days ≈ 10 outages, each failing every check there while it lasts: the
      // failures come in a few runs of consecutive checks, each within hours.
      expect(windows.length).toBeGreaterThanOrEqual(3);
      expect(windows.length).toBeLessThanOrEqual(25);
      expect(failures).toBeGreaterThanOrEqual(3 * windows.length);
      for (const [a, b] of windows) expect(b - a).toBeLessThan(2 * 1440);
      // The other hospital's checks at those times pass: the outage is this hospital's.
      const other = checks.filter((c) => c.h !== h && inside(c.t, windows));
      expect(other.length).toBeGreaterThan(0);
      expect(other.filter((c) => c.result !== Check.OK).length).toBeLessThan(0.2 * other.length);
    }
    // The same number of failures per person would come one by one.
    const { checks: individual } = run({ failureRate: 0.01 }, 200);
    const single = individual.filter((c) => c.h === 0);
    expect(runsOfFailures(single).length).toBeGreaterThan(
      0.8 * single.filter((c) => c.result !== Check.OK).length,
    );
  });

  it('fails every check at every hospital while a region-wide outage lasts', () => {
    const { checks } = run({ regionOutagesPerYear: 30, regionOutageHours: 4 }, 200);
    const windows = clusters(checks, -1);
    expect(windows.length).toBeGreaterThanOrEqual(5);
    const during = checks.filter((c) => inside(c.t, windows));
    expect(during.every((c) => c.result === Check.OUTAGE)).toBe(true);
    expect(new Set(during.map((c) => c.h)).size).toBe(2);
  });

  it('draws outages from their own streams: the per-person rate leaves them where they were, and a rerun repeats them', () => {
    const outages = { hospitalOutagesPerDay: 0.1, regionOutagesPerYear: 10 };
    const a = run(outages);
    const b = run({ ...outages, failureRate: 0.3 });
    const outageFailures = (checks: Logged[]) =>
      checks.filter((c) => c.result === Check.OUTAGE).map((c) => `${c.h}@${c.t}`);
    expect(outageFailures(a.checks).length).toBeGreaterThan(10);
    expect(outageFailures(b.checks)).toEqual(outageFailures(a.checks));
    expect(run(outages).result.kpis).toEqual(a.result.kpis);
  });

  it('sends more patients to pay 10割 upfront when fewer failed checks are settled with a document', () => {
    const settled = run({ failureRate: 0.2, proofShare: 0.95 }).result.kpis;
    const unsettled = run({ failureRate: 0.2, proofShare: 0.5 }).result.kpis;
    expect(unsettled['eligibility.failures']).toBe(settled['eligibility.failures']);
    expect(unsettled['eligibility.fullPayUpfront']).toBeGreaterThan(
      3 * settled['eligibility.fullPayUpfront'],
    );
    expect(unsettled['eligibility.proofDocument']).toBeLessThan(settled['eligibility.proofDocument']);
  });

  it('brings deferred outpatient care back as later, longer admissions of the return conditions', () => {
    const base = { failureRate: 0.2, proofShare: 0.5, deferShare: 0.5, returnDays: 2 };
    const none = run(base).result.kpis;
    const later = run({
      ...base,
      returnShare: 0.05,
      returnStayFactor: 2,
      returnConditions: { pneumonia: 1 },
    });
    const k = later.result.kpis;
    expect(k['eligibility.laterAdmissions']).toBeGreaterThan(50);
    // 140 visits × 0.5 deferred × 0.05 returning = 3.5 later admissions per 10割 case (Poisson).
    const perCase = k['eligibility.laterAdmissions'] / k['eligibility.fullPayUpfront'];
    expect(perCase).toBeGreaterThan(2.5);
    expect(perCase).toBeLessThan(4.5);
    const extra = k['admissions.pneumonia'] - none['admissions.pneumonia'];
    expect(extra).toBeGreaterThan(0.8 * k['eligibility.laterAdmissions']);
    expect(extra).toBeLessThanOrEqual(k['eligibility.laterAdmissions'] * 1.05);
    // The urgent condition is untouched: same admissions, same time to care.
    expect(k['admissions.stroke']).toBe(none['admissions.stroke']);
    expect(k['timeToCare.stroke.mean']).toBe(none['timeToCare.stroke.mean']);
    // Later admissions come in sicker: every stay of theirs is longer.
    expect(later.checks.some((c) => c.stayFactor === 2)).toBe(true);
  });

  it('follows a policy from its day: nothing fails before it, per person or in outages', () => {
    const day = 30;
    const { checks } = run({}, 60, [
      { kind: 'eligibility', failureRate: 0.2, hospitalOutagesPerDay: 0.2, fromDay: day },
    ]);
    const failed = checks.filter((c) => c.result !== Check.OK);
    expect(failed.length).toBeGreaterThan(100);
    expect(Math.min(...failed.map((c) => c.t))).toBeGreaterThanOrEqual(day * 1440);
    expect(failed.some((c) => c.result === Check.OUTAGE)).toBe(true);
  });
});
