// Back-of-envelope ambulance times from a region's inputs: the arithmetic behind transport.yaml.
// Assumes the vehicle comes from its own municipality's base, the scene lies localDistanceKm from
// the centroid, and the patient goes to the nearest hospital that can take them (no refusals);
// the simulation adds queueing and refused inquiries on top.
import type { Condition, Hospital, Municipality, Region } from '../../libs/scenario/src/types';

export function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export interface TransportEstimate {
  callToSceneMinutes: number;
  sceneToHospitalMinutes: number;
  callToHospitalMinutes: number;
  /** ambulance calls per year (admitted ÷ (1 − notAdmittedShare)) */
  callsPerYear: number;
}

function canTake(h: Hospital, c: Condition): boolean {
  const first = c.entry.reduce((best, b) => (b.p > best.p ? b : best), c.entry[0]);
  const phase = c.phases.find((p) => p.id === first.to);
  const fn = phase?.function ?? 'acute';
  return h.beds[fn] > 0 && (c.capability === null || h.capabilities.includes(c.capability));
}

export function estimateTransport(region: Region, year: string): TransportEstimate {
  const t = region.transport;
  // The model's travel rule (libs/model/src/region/geo.ts): the local dispersion is added to
  // the road distance, not multiplied by the road factor.
  const minutes = (straightKm: number) => ((straightKm * t.roadFactor + t.localDistanceKm) / t.speedKmh) * 60;
  const nearest = (m: Municipality, ok: (h: Hospital) => boolean) =>
    Math.min(...region.hospitals.filter(ok).map((h) => haversineKm(m.lat, m.lng, h.lat, h.lng)));
  let admitted = 0;
  let admittedTravel = 0;
  let mildTravel = 0;
  let population = 0;
  for (const m of region.municipalities) {
    const pop = m.population[year];
    const people = pop.age0to14 + pop.age15to64 + pop.age65to74 + pop.age75plus;
    population += people;
    // Mild cases go to the nearest hospital with acute beds.
    mildTravel += people * minutes(nearest(m, (h) => h.beds.acute > 0));
    for (const c of region.conditions) {
      const yearly =
        (pop.age0to14 * c.admissionRatePer100k.age0to14 +
          pop.age15to64 * c.admissionRatePer100k.age15to64 +
          pop.age65to74 * c.admissionRatePer100k.age65to74 +
          pop.age75plus * c.admissionRatePer100k.age75plus) /
        100_000;
      const byAmbulance = yearly * c.ambulanceShare;
      admitted += byAmbulance;
      admittedTravel += byAmbulance * minutes(nearest(m, (h) => canTake(h, c)));
    }
  }
  const share = t.notAdmittedShare;
  const sceneToHospital = (1 - share) * (admittedTravel / admitted) + share * (mildTravel / population);
  const callToScene = t.dispatchMinutes + minutes(0);
  return {
    callToSceneMinutes: callToScene,
    sceneToHospitalMinutes: sceneToHospital,
    callToHospitalMinutes: callToScene + t.sceneMinutes + sceneToHospital,
    callsPerYear: admitted / (1 - share),
  };
}
