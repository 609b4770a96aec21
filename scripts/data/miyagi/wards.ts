// Sendai city (仙台市, 1.1 million people) as its five wards (区). The reference gives the city as
// one point, which makes every Sendai patient ask the same nearest hospitals first and gravity-
// choose among the same ones: the city's ambulance patients all start at the same six large
// hospitals, and the model reports refusals and overflow that Miyagi does not have. The wards'
// 2020 census populations are published (they sum to the city's figure exactly); their points
// are approximate population centres [E], read off the map (the ward offices, moved towards the
// western suburbs for Aoba (宮城総合支所) and Taihaku, and towards Tsurugaya for Miyagino).
import type { Reference, ReferenceMunicipality } from './reference';

export const SENDAI_CITY = '04100';

/** 令和2年国勢調査 (確定値), via 河北新報 30 Nov 2021: wards sum to 1,096,704. */
export const SENDAI_WARDS: readonly ReferenceMunicipality[] = [
  { code: '04101', name: '仙台市青葉区', population2020: 311_590, lat: 38.275, lng: 140.85 },
  { code: '04102', name: '仙台市宮城野区', population2020: 196_732, lat: 38.275, lng: 140.935 },
  { code: '04103', name: '仙台市若林区', population2020: 141_475, lat: 38.24, lng: 140.905 },
  { code: '04104', name: '仙台市太白区', population2020: 234_758, lat: 38.218, lng: 140.862 },
  { code: '04105', name: '仙台市泉区', population2020: 212_149, lat: 38.327, lng: 140.872 },
];

/** The city a ward belongs to (the code itself for any other municipality). */
export function cityOf(code: string): string {
  return SENDAI_WARDS.some((w) => w.code === code) ? SENDAI_CITY : code;
}

/** The reference with Sendai city replaced by its wards, in code order at the city's place. */
export function withSendaiWards(reference: Reference): Reference {
  return {
    ...reference,
    areas: reference.areas.map((area) => {
      const at = area.municipalities.findIndex((m) => m.code === SENDAI_CITY);
      if (at < 0) return area;
      const city = area.municipalities[at];
      const wards = SENDAI_WARDS.reduce((sum, w) => sum + w.population2020, 0);
      if (wards !== city.population2020)
        throw new Error(`Sendai wards sum to ${wards}, the reference gives the city ${city.population2020}`);
      const municipalities = [...area.municipalities];
      municipalities.splice(at, 1, ...SENDAI_WARDS.map((w) => ({ ...w })));
      return { ...area, municipalities };
    }),
  };
}
