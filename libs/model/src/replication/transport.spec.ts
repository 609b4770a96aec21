import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { Capability, RefusalParameters, TransportParameters } from '@caretwin/scenario';
import {
  FLAT_24,
  NO_REFUSAL_REASONS,
  buildRegion,
  condition,
  resolvedScenario,
} from '../testing/region-builder';
import type { BaseSpec } from '../testing/region-builder';
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
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(5);
    expect(r.kpis['inquiries.fourPlusShare']).toBe(1);
    // Crews still asking when the horizon ends add a few refusals without an acceptance.
    expect(r.kpis['inquiries.refused']).toBeGreaterThanOrEqual(4 * patients);
    expect(r.kpis['inquiries.refused']).toBeLessThan(4 * patients + 12);
    expect(r.kpis['inquiries.refused.noBed']).toBe(r.kpis['inquiries.refused']);
    expect(r.kpis['inquiries.total']).toBe(r.kpis['inquiries.refused'] + patients);
    expect(r.kpis['difficultTransports']).toBe(patients);
    expect(r.kpis['ambulance.onScene.mean']).toBeGreaterThanOrEqual(40);
    expect(r.kpis['ambulance.onScene30Share']).toBe(1);
  });

  it('includes the accepting call: three refusals and an acceptance make four inquiries', () => {
    const r = run(3, { sceneMinutes: 15, inquiryMinutes: 10 });
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(4);
    expect(r.kpis['difficultTransports']).toBe(r.kpis['ambulance.accepted']);
  });

  it('does not count three inquiries, however long the crew stays on scene', () => {
    const r = run(2, { sceneMinutes: 60, inquiryMinutes: 20 });
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(3);
    expect(r.kpis['ambulance.onScene.mean']).toBeGreaterThan(60);
    expect(r.kpis['difficultTransports']).toBe(0);
  });

  it('needs both conditions: five quick inquiries within 30 minutes on scene are not difficult', () => {
    const r = run(4, { sceneMinutes: 3, inquiryMinutes: 1 });
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(5);
    expect(r.kpis['ambulance.onScene.mean']).toBeLessThan(30);
    expect(r.kpis['difficultTransports']).toBe(0);
  });

  it('admits at the nearest capable hospital outside occupancy when every candidate refuses', () => {
    const r = run(5, { sceneMinutes: 15, inquiryMinutes: 10 });
    expect(r.kpis['admissions']).toBe(0);
    expect(r.kpis['overflow']).toBeGreaterThan(50);
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(6);
    expect(r.kpis['inquiries.firstAcceptedShare']).toBe(0);
    expect(r.hospitals[0].overflow).toBe(r.kpis['overflow']);
    expect(r.kpis['bedsInUse.prefecture.highAcute']).toBe(2 * 5);
  });

  it('takes every transported patient into call → hospital, and call → scene from the base', () => {
    const r = run(0, { sceneMinutes: 15, inquiryMinutes: 10, dispatchMinutes: 2 });
    expect(r.kpis['ambulance.callToHospital.count']).toBe(r.kpis['admissions']);
    expect(r.kpis['ambulance.response.mean']).toBeGreaterThan(2);
    expect(r.kpis['ambulance.callToHospital.mean']).toBeGreaterThan(r.kpis['ambulance.response.mean'] + 15);
    expect(r.kpis['inquiries.firstAcceptedShare']).toBe(1);
    expect(r.kpis['difficultTransports']).toBe(0);
  });

  it('asks beyond the K nearest: with K = 2 and two full hospitals the third still accepts', () => {
    const r = run(2, { candidateCount: 2, sceneMinutes: 15, inquiryMinutes: 10 });
    expect(r.kpis['overflow']).toBe(0);
    expect(r.kpis['inquiries.perAcceptedPatient.mean']).toBe(3);
    expect(r.hospitals[2].admissions).toBe(r.kpis['ambulance.accepted']);
  });
});

// One town, one hospital next to it with plenty of beds (so no refusal is for want of a bed)
// and a big fleet; patients need no particular capability. Arrivals only in the hours given.
function reasons(
  refusal: Partial<RefusalParameters>,
  options: { hours?: number[]; capabilities?: Capability[]; beds?: number } = {},
): ReplicationResult {
  const hourOfDay = options.hours ? FLAT_24.map((_, h) => (options.hours!.includes(h) ? 1 : 0)) : FLAT_24;
  const region = buildRegion({
    areas: [{ id: 'a' }],
    municipalities: [{ id: 'm', area: 'a', lat: 38, lng: 140.8, population: 1_000_000 }],
    hospitals: [
      {
        id: 'h',
        area: 'a',
        municipality: 'm',
        lat: 38.01,
        lng: 140.8,
        beds: { acute: options.beds ?? 300 },
        capabilities: options.capabilities ?? ['emergency2'],
      },
    ],
    bases: [{ id: 'b', area: 'a', municipality: 'm', lat: 38, lng: 140.8, vehicles: 200 }],
    hourOfDay,
    transport: { refusal: { ...NO_REFUSAL_REASONS, ...refusal } },
    conditions: [
      condition({
        id: 'pneumonia',
        ratePer100k: 7300,
        ambulanceShare: 1,
        phases: [{ id: 'ward', function: 'acute', meanDays: 0.2 }],
      }),
    ],
  });
  // Monday to Friday: no weekend, so the hours alone make the difference.
  return runReplication(resolvedScenario(region, { horizonDays: 5, startDate: '2024-04-01' }), 0);
}
// With one hospital each patient asks it once (then it must admit): refusals per patient are the
// chance that it refuses for that reason.
const share = (r: ReplicationResult, reason: string) =>
  r.kpis[`inquiries.refused.${reason}`] / r.kpis['ambulance.accepted'];

describe('refusals for reasons other than a bed (照会)', () => {
  it('refuses only for want of a bed when every reason is switched off', () => {
    const r = reasons({});
    expect(r.kpis['inquiries.refused']).toBe(0);
    expect(r.kpis['inquiries.firstAcceptedShare']).toBe(1);
  });

  it('sees 医師不在 and 処置困難 more often at night, 手術中・患者対応中 more often by day', () => {
    const refusal = { noDoctor: 0.04, treatmentDifficult: 0.04, busy: 0.08, offHoursFactor: 3 };
    const night = reasons(refusal, { hours: [0, 1, 2, 3, 4, 5] });
    const day = reasons(refusal, { hours: [10, 11, 12, 13, 14, 15] });
    expect(night.kpis['ambulance.accepted']).toBeGreaterThan(150);
    expect(day.kpis['ambulance.accepted']).toBeGreaterThan(150);
    expect(share(night, 'noDoctor')).toBeGreaterThan(2 * share(day, 'noDoctor'));
    expect(share(night, 'treatmentDifficult')).toBeGreaterThan(2 * share(day, 'treatmentDifficult'));
    expect(share(day, 'busy')).toBeGreaterThan(share(night, 'busy'));
    expect(night.kpis['inquiries.refused.noBed']).toBe(0);
  });

  it('sees 専門外 more often at a hospital without 救急告示 and less at a 救命救急センター', () => {
    const refusal = { outOfSpecialty: 0.05, noMatchFactor: 3, tertiaryFactor: 0.5 };
    const none = reasons(refusal, { capabilities: [] });
    const secondary = reasons(refusal, { capabilities: ['emergency2'] });
    const tertiary = reasons(refusal, { capabilities: ['emergency3'] });
    expect(share(none, 'outOfSpecialty')).toBeGreaterThan(2 * share(secondary, 'outOfSpecialty'));
    expect(share(tertiary, 'outOfSpecialty')).toBeLessThan(share(secondary, 'outOfSpecialty'));
    expect(share(tertiary, 'outOfSpecialty')).toBeGreaterThan(0);
  });

  it('refuses more at a small hospital than at a large one', () => {
    const refusal = { treatmentDifficult: 0.05, sizeExponent: 0.5, referenceBeds: 300 };
    const small = reasons(refusal, { beds: 75 });
    const large = reasons(refusal, { beds: 1200 });
    expect(share(small, 'treatmentDifficult')).toBeGreaterThan(2 * share(large, 'treatmentDifficult'));
  });

  it('gives the same result twice: reasons come from each patient’s keyed draws', () => {
    const refusal = { treatmentDifficult: 0.1, busy: 0.05, outOfSpecialty: 0.05, noDoctor: 0.02 };
    const a = reasons(refusal, { capabilities: [] });
    const b = reasons(refusal, { capabilities: [] });
    expect(a.kpis).toEqual(b.kpis);
    expect(a.kpis['inquiries.refused']).toBeGreaterThan(0);
  });
});

describe('a 救命救急センター with its high-acute beds full', () => {
  // One stroke hospital whose two high-acute beds are full for years, with acute beds free.
  function tertiary(capabilities: Capability[]): ReplicationResult {
    const region = buildRegion({
      areas: [{ id: 'a' }],
      municipalities: [{ id: 'm', area: 'a', lat: 38, lng: 140.8, population: 100_000 }],
      hospitals: [
        {
          id: 'h',
          area: 'a',
          municipality: 'm',
          lat: 38.01,
          lng: 140.8,
          beds: { highAcute: 2, acute: 300 },
          capabilities,
        },
      ],
      bases: [{ id: 'b', area: 'a', municipality: 'm', lat: 38, lng: 140.8, vehicles: 20 }],
      conditions: [
        condition({
          id: 'stroke',
          ratePer100k: 3650,
          ambulanceShare: 1,
          capability: 'stroke',
          phases: [{ id: 'icu', function: 'highAcute', meanDays: 3650, cv: 0.05 }],
        }),
      ],
    });
    return runReplication(
      resolvedScenario(region, {
        horizonDays: 5,
        initialCensus: { mode: 'given', hospitals: { h: { highAcute: 2 } } },
      }),
      0,
    );
  }

  it('takes the patient into one of its acute beds instead of refusing', () => {
    const r = tertiary(['stroke', 'emergency3']);
    expect(r.kpis['inquiries.firstAcceptedShare']).toBe(1);
    expect(r.kpis['overflow']).toBe(0);
    expect(r.kpis['borrowing.admissions']).toBe(r.kpis['ambulance.accepted']);
  });

  it('while a hospital without 救命救急センター refuses for want of a bed', () => {
    const r = tertiary(['stroke', 'emergency2']);
    expect(r.kpis['inquiries.firstAcceptedShare']).toBe(0);
    expect(r.kpis['inquiries.refused.noBed']).toBeGreaterThan(0);
    expect(r.kpis['overflow']).toBe(r.kpis['ambulance.accepted']);
  });
});

// Two adjacent areas ten minutes apart, one hospital with room; a call rate that keeps a few
// vehicles busy at once.
function fleet(bases: BaseSpec[], transport: Partial<TransportParameters> = {}): ReplicationResult {
  const region = buildRegion({
    areas: [
      { id: 'west', adjacent: ['east'] },
      { id: 'east', adjacent: ['west'] },
    ],
    municipalities: [
      { id: 'w', area: 'west', lat: 38, lng: 140.8, population: 100_000 },
      { id: 'e', area: 'east', lat: 38, lng: 140.86, population: 100_000 },
    ],
    hospitals: [
      {
        id: 'h',
        area: 'west',
        municipality: 'w',
        lat: 38,
        lng: 140.83,
        beds: { acute: 2000 },
        capabilities: [],
      },
    ],
    bases,
    transport: { handoverMinutes: 30, ...transport },
    conditions: [
      condition({
        id: 'fall',
        ratePer100k: 7300,
        ambulanceShare: 1,
        phases: [{ id: 'ward', function: 'acute', meanDays: 1 }],
      }),
    ],
  });
  return runReplication(resolvedScenario(region, { horizonDays: 20 }), 0);
}
const base = (id: string, area: string, municipality: string, lng: number, vehicles: number): BaseSpec => ({
  id,
  area,
  municipality,
  lat: 38,
  lng,
  vehicles,
});

describe('ambulances that queue', () => {
  it('never makes a call wait while vehicles are plenty, and keeps utilisation below one', () => {
    const r = fleet([base('bw', 'west', 'w', 140.8, 20), base('be', 'east', 'e', 140.86, 20)]);
    expect(r.kpis['ambulance.callWait.mean']).toBe(0);
    expect(r.kpis['ambulance.mutualAid']).toBe(0);
    expect(r.kpis['ambulance.utilisation.prefecture']).toBeGreaterThan(0);
    expect(r.kpis['ambulance.utilisation.prefecture']).toBeLessThan(0.2);
  });

  it('sends the neighbouring area’s vehicles when an area’s own are all out (mutual aid)', () => {
    const r = fleet([base('bw', 'west', 'w', 140.8, 1), base('be', 'east', 'e', 140.86, 20)]);
    expect(r.kpis['ambulance.mutualAid']).toBeGreaterThan(0);
    expect(r.kpis['ambulance.mutualAid.share']).toBeGreaterThan(0);
    expect(r.kpis['area.west.response.mean']).toBeGreaterThan(r.kpis['area.east.response.mean']);
    expect(r.kpis['ambulance.utilisation.west']).toBeGreaterThan(r.kpis['ambulance.utilisation.east']);
  });

  it('makes calls wait for a vehicle when the region’s fleet is tiny, and the wait shows in the response', () => {
    const tiny = fleet([base('bw', 'west', 'w', 140.8, 1), base('be', 'east', 'e', 140.86, 1)]);
    const ample = fleet([base('bw', 'west', 'w', 140.8, 20), base('be', 'east', 'e', 140.86, 20)]);
    expect(tiny.kpis['ambulance.callWait.mean']).toBeGreaterThan(0);
    expect(tiny.kpis['ambulance.callWait.queuedShare']).toBeGreaterThan(0);
    expect(tiny.kpis['ambulance.callWait.p90']).toBeGreaterThan(0);
    expect(tiny.kpis['area.west.callWait.mean']).toBeGreaterThan(0);
    expect(tiny.kpis['ambulance.utilisation.prefecture']).toBeGreaterThan(0.5);
    expect(tiny.kpis['ambulance.utilisation.prefecture']).toBeLessThanOrEqual(1);
    expect(tiny.kpis['ambulance.response.mean']).toBeGreaterThan(ample.kpis['ambulance.response.mean'] + 10);
  });

  it('keeps each area to its own vehicles beyond the vehicle reach', () => {
    const r = fleet([base('bw', 'west', 'w', 140.8, 1), base('be', 'east', 'e', 140.86, 20)], {
      vehicleReachMinutes: 1,
    });
    expect(r.kpis['ambulance.mutualAid']).toBe(0);
    expect(r.kpis['area.west.callWait.mean']).toBeGreaterThan(0);
    expect(r.kpis['area.east.callWait.mean']).toBe(0);
  });
});
