// Straight-line distance and the travel-time rule of docs/architecture.md "Transport and choice":
// minutes = (haversine km × road factor + local km) ÷ (speed × speed factor) × 60.

const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/** Great-circle distance in km between two points given in degrees. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLng = (lng2 - lng1) * DEG;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLng / 2);
  const h = s * s + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * t * t;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface TravelRule {
  roadFactor: number;
  speedKmh: number;
  /** scenario speed factor (0.7 = 30 % slower) */
  speedFactor: number;
  /** extra km for the dispersion of addresses around a municipality's centroid */
  localDistanceKm: number;
}

/** Driving minutes for a straight-line distance under a travel rule. */
export function travelMinutes(straightKm: number, rule: TravelRule): number {
  const roadKm = straightKm * rule.roadFactor + rule.localDistanceKm;
  return (roadKm / (rule.speedKmh * rule.speedFactor)) * 60;
}
