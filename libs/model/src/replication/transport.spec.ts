import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { TransportParameters } from '@caretwin/scenario';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { runReplication } from './replication';

// One municipality, an ambulance base beside it and five stroke hospitals in a line, nearest
// first. The nearest `full` of them have two beds and start full of patients who stay for years
// (given census), so every crew is refused by those before one accepts; the others have room.
function run(full: number, transport: Partial<TransportParameters>, roomy = 400): ReplicationResult {
  const hospitals = Array.from({ length: 5 }, (_, i) => ({
    id: `h${i + 1}`,
    area: 'a',
    municipality: 'm',
    lat: 38 + 0.03 * (i + 1),
    lng: 140.8,
    beds: { highAcute: i < full ? 2 : roomy },
    capabilities: ['stroke' as const],
  }));
  const region = buildRegion({
    areas: [{ id: 'a' }],
    municipalities: [{ id: 'm', area: 'a', lat: 38, lng: 140.8, population: 100_000 }],
    hospitals,
    bases: [{ id: 'b', area: 'a', municipality: 'm', lat: 38, lng: 140.8, vehicles: 20 }],
    transport: { candidateCount: 5, ...transport },
    conditions: [
      condition({
        id: 'stroke',
        ratePer100k: 3650,
        ambulanceShare: 1,
        capability: 'stroke',
        timeCriticalMinutes: 270,
        phases: [{ id: 'icu', function: 'highAcute', meanDays: 3650, cv: 0.05 }],
      }),
    ],
  });
  const given = Object.fromEntries(
    hospitals.slice(0, full).map((h) => [h.id, { highAcute: h.beds.highAcute }]),
  );
  return runReplication(
    resolvedScenario(region, { horizonDays: 10, initialCensus: { mode: 'given', hospitals: given } }),
    0,
  );
}

describe('difficult transports (搬送困難事案: ≥ 4 inquiries and ≥ 30 minutes on scene)', () => {
  it('counts every patient refused by the four nearest hospitals: five inquiries, long on scene', () => {
    const r = run(4, { sceneMinutes: 15, inquiryMinutes: 10 });
    const patients = r.kpis['ambulance.accepted'];
    expect(patients).toBeGreaterThan(50);
    expect(r.kpis['admissions']).toBeLessThanOrEqual(patients);
    expect(r.kpis['ambulance.inquiries.mean']).toBe(5);
    // Crews still asking when the horizon ends add a few refusals without an acceptance.
    expect(r.kpis['refusals.ambulance']).toBeGreaterThanOrEqual(4 * patients);
    expect(r.kpis['refusals.ambulance']).toBeLessThan(4 * patients + 12);
    expect(r.kpis['difficultTransports']).toBe(patients);
    expect(r.kpis['ambulance.onScene.mean']).toBeGreaterThanOrEqual(40);
  });

  it('includes the accepting call: three refusals and an acceptance make four inquiries', () => {
    const r = run(3, { sceneMinutes: 15, inquiryMinutes: 10 });
    expect(r.kpis['ambulance.inquiries.mean']).toBe(4);
    expect(r.kpis['difficultTransports']).toBe(r.kpis['ambulance.accepted']);
  });

  it('does not count three inquiries, however long the crew stays on scene', () => {
    const r = run(2, { sceneMinutes: 60, inquiryMinutes: 20 });
    expect(r.kpis['ambulance.inquiries.mean']).toBe(3);
    expect(r.kpis['ambulance.onScene.mean']).toBeGreaterThan(60);
    expect(r.kpis['difficultTransports']).toBe(0);
  });

  it('needs both conditions: five quick inquiries within 30 minutes on scene are not difficult', () => {
    const r = run(4, { sceneMinutes: 3, inquiryMinutes: 1 });
    expect(r.kpis['ambulance.inquiries.mean']).toBe(5);
    expect(r.kpis['ambulance.onScene.mean']).toBeLessThan(30);
    expect(r.kpis['difficultTransports']).toBe(0);
  });

  it('admits at the nearest capable hospital outside occupancy when every candidate refuses', () => {
    const r = run(5, { sceneMinutes: 15, inquiryMinutes: 10 });
    expect(r.kpis['admissions']).toBe(0);
    expect(r.kpis['overflow']).toBeGreaterThan(50);
    expect(r.kpis['ambulance.inquiries.mean']).toBe(6);
    expect(r.hospitals[0].overflow).toBe(r.kpis['overflow']);
    expect(r.kpis['bedsInUse.prefecture.highAcute']).toBe(2 * 5);
  });

  it('takes every transported patient into call → hospital, and call → scene from the base', () => {
    const r = run(0, { sceneMinutes: 15, inquiryMinutes: 10, dispatchMinutes: 2 });
    expect(r.kpis['ambulance.callToHospital.count']).toBe(r.kpis['admissions']);
    expect(r.kpis['ambulance.response.mean']).toBeGreaterThan(2);
    expect(r.kpis['ambulance.callToHospital.mean']).toBeGreaterThan(r.kpis['ambulance.response.mean'] + 15);
    expect(r.kpis['difficultTransports']).toBe(0);
  });
});
