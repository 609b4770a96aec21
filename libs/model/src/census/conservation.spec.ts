import { describe, expect, it } from 'vitest';
import { PATIENT_STATES } from '@caretwin/contracts';
import { Fate, FATES, Live, LIVE_STATES } from '../patients/table';
import { Replication } from '../replication/replication';
import { resolvedScenario } from '../testing/region-builder';
import { STRESS_POLICIES, stressRegion } from '../testing/stress-region';
import { scanPatients } from './conservation';

// A busy run that passes through every state: few ambulances (calls wait), full wards
// (blocking, overflow), transfers across areas, failed eligibility checks whose 10割 patients'
// deferred care returns as later admissions, booked patients on lists, deaths, and a hospital closing
// mid-run.
const scenario = resolvedScenario(stressRegion(), {
  horizonDays: 90,
  warmupDays: 10,
  initialCensus: { mode: 'expected' },
  policies: STRESS_POLICIES,
});

describe('conservation of patients and calls', () => {
  const replication = new Replication(scenario, 0);
  const result = replication.run();
  const state = replication.state;
  const scan = scanPatients(state);

  it('finds, by scanning every patient, the same count in each state as the running counters', () => {
    for (let s = 1; s < LIVE_STATES; s++) expect(scan.byLive[s], `live state ${s}`).toBe(state.liveCount[s]);
    for (let f = 1; f < FATES; f++) expect(scan.byFate[f], `fate ${f}`).toBe(state.fateCount[f]);
    expect(result.census.consistent).toBe(true);
  });

  it('accounts for every generated patient and call in exactly one state', () => {
    const { byState, generated } = result.census;
    const total = PATIENT_STATES.reduce((s, k) => s + byState[k], 0);
    expect(total).toBe(generated.total);
    expect(generated.total).toBe(generated.arrivals + generated.calls + generated.initial);
    // Those still alive per the fate log are exactly the live patients found in the table.
    const liveInTable = Array.from(scan.byLive).reduce((s, x) => s + x, 0);
    expect(scan.byFate[Fate.ALIVE]).toBe(liveInTable);
    expect(byState.inSystem).toBe(liveInTable);
  });

  it('counts the beds the pools hand out as the patients holding one', () => {
    const inUse = state.facilities.pools.reduce((s, p) => s + p.inUse, 0);
    expect(scan.bedsHeld).toBe(inUse);
  });

  it('visits the states the run is built to reach', () => {
    const { byState, inSystem } = result.census;
    expect(byState.discharged).toBeGreaterThan(0);
    expect(byState.died).toBeGreaterThan(0);
    expect(byState.transportedNotAdmitted).toBeGreaterThan(0);
    expect(inSystem.inBed).toBeGreaterThan(0);
    expect(result.kpis['eligibility.laterAdmissions']).toBeGreaterThan(0);
    expect(result.kpis['ambulance.callWait.mean']).toBeGreaterThan(0);
    expect(result.kpis['bedBlocking.days']).toBeGreaterThan(0);
    expect(result.kpis['overflow']).toBeGreaterThan(0);
    expect(result.kpis['transfers']).toBeGreaterThan(0);
    expect(state.liveCount[Live.FREE]).toBe(0);
  });

  it('reports the census in the result', () => {
    expect(result.census.generated.initial).toBeGreaterThan(0);
    expect(result.census.generated.calls).toBeGreaterThan(0);
  });
});
