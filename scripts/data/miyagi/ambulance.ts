// Ambulance bases (救急隊の配置): estimated. Japan has about 6,700 ambulances for 124 million people
// (消防白書), which gives Miyagi (2.30 million) about 124 vehicles. Every municipality keeps at
// least one (each has a fire station, 消防署・出張所), the rest follow population. One base per
// municipality at its centroid rather than one per fire-department headquarters: calls are
// answered from the station nearest the scene, and a single base per headquarters would put
// outlying towns 20–40 km from their ambulance, far from the national 10-minute call → scene.
import type { AmbulanceBase } from '../../../libs/scenario/src/types';
import { apportionWithMinimum } from './apportion';
import { municipalityEn, slug } from './names';
import type { Reference } from './reference';

export const NATIONAL_AMBULANCES = 6_700;
export const NATIONAL_POPULATION = 124_000_000;

export function buildAmbulanceBases(reference: Reference): AmbulanceBase[] {
  const municipalities = reference.areas.flatMap((area) =>
    area.municipalities.map((m) => ({ ...m, area: area.id })),
  );
  const population = municipalities.reduce((sum, m) => sum + m.population2020, 0);
  const total = Math.round((NATIONAL_AMBULANCES * population) / NATIONAL_POPULATION);
  const vehicles = apportionWithMinimum(
    total,
    municipalities.map((m) => m.population2020),
    1,
  );
  return municipalities.map((m, i) => ({
    id: `base-${slug(municipalityEn(m.code))}`,
    area: m.area,
    municipality: m.code,
    lat: m.lat,
    lng: m.lng,
    vehicles: vehicles[i],
    provenance: {
      estimated: true,
      source: 'ambulance',
      note: `one base per municipality; ${total} vehicles prefecture-wide (national ${NATIONAL_AMBULANCES} ambulances per ${NATIONAL_POPULATION / 1e6} M people), at least one per municipality, the rest by 2020 population`,
    },
  }));
}
