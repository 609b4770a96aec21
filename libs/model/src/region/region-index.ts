// The region's entities as dense integer indices and typed columns. Hospitals added by an
// `addHospital` policy are indexed from the start (closed, no beds) so that pools, series and
// summaries have fixed positions for the whole replication.
import { BED_FUNCTIONS } from '@caretwin/contracts';
import type { Hospital, Policy, Region } from '@caretwin/scenario';
import { ModelInputError } from '../errors';
import { CAPABILITY_INDEX, Pathways } from './pathways';

/** Bed functions per hospital: pools, queues and series are indexed h × FUNCTIONS + f. */
export const FUNCTIONS = BED_FUNCTIONS.length;
/** Index of 慢性期 (chronic), the ward group apart from 一般病床 in 平均在院日数. */
export const CHRONIC = BED_FUNCTIONS.indexOf('chronic');

/** 平均在院日数 ward group of a pool (h × FUNCTIONS + f): 0 general (一般病床), 1 chronic. */
export function wardGroup(pool: number): number {
  return (pool & 3) === CHRONIC ? 1 : 0;
}

function capabilityMask(h: Hospital): number {
  let mask = 0;
  for (const c of h.capabilities) mask |= 1 << CAPABILITY_INDEX[c];
  return mask;
}

export class RegionIndex {
  readonly region: Region;
  readonly pathways: Pathways;

  readonly areaIds: string[];
  readonly areaIndex: Map<string, number>;
  /** symmetric adjacency, [a × A + b] */
  readonly adjacent: Uint8Array;

  readonly municipalityIds: string[];
  readonly municipalityIndex: Map<string, number>;
  readonly municipalityArea: Int32Array;
  readonly municipalityLat: Float64Array;
  readonly municipalityLng: Float64Array;

  readonly hospitals: Hospital[];
  readonly hospitalIds: string[];
  readonly hospitalIndex: Map<string, number>;
  readonly hospitalArea: Int32Array;
  readonly hospitalLat: Float64Array;
  readonly hospitalLng: Float64Array;
  /** beds by function as given in the region (or the addHospital policy), [h × 4 + f] */
  readonly hospitalBeds: Float64Array;
  readonly hospitalCapabilities: Int32Array;
  /** 1 for hospitals of the region, 0 for those a policy adds later */
  readonly hospitalInRegion: Uint8Array;

  readonly baseIds: string[];
  readonly baseIndex: Map<string, number>;
  readonly baseArea: Int32Array;
  readonly baseLat: Float64Array;
  readonly baseLng: Float64Array;
  readonly baseVehicles: Int32Array;

  constructor(region: Region, policies: Policy[]) {
    this.region = region;
    this.pathways = new Pathways(region.conditions, region.resourcePointThresholds);

    this.areaIds = region.areas.map((a) => a.id);
    this.areaIndex = new Map(this.areaIds.map((id, i) => [id, i]));
    const A = this.areaIds.length;
    this.adjacent = new Uint8Array(A * A);
    region.areas.forEach((a, i) => {
      for (const other of a.adjacent) {
        const j = this.areaIndex.get(other);
        if (j === undefined)
          throw new ModelInputError(`area "${a.id}": adjacent area "${other}" is not in the region`);
        if (j === i) continue;
        this.adjacent[i * A + j] = 1;
        this.adjacent[j * A + i] = 1;
      }
    });

    const M = region.municipalities.length;
    this.municipalityIds = region.municipalities.map((m) => m.id);
    this.municipalityIndex = new Map(this.municipalityIds.map((id, i) => [id, i]));
    this.municipalityArea = new Int32Array(M);
    this.municipalityLat = new Float64Array(M);
    this.municipalityLng = new Float64Array(M);
    region.municipalities.forEach((m, i) => {
      this.municipalityArea[i] = this.area(m.area, `municipality "${m.id}"`);
      this.municipalityLat[i] = m.lat;
      this.municipalityLng[i] = m.lng;
    });

    const added = policies.flatMap((p) => (p.kind === 'addHospital' ? [p.hospital] : []));
    this.hospitals = [...region.hospitals, ...added];
    const H = this.hospitals.length;
    this.hospitalIds = this.hospitals.map((h) => h.id);
    this.hospitalIndex = new Map();
    this.hospitalIds.forEach((id, i) => {
      if (this.hospitalIndex.has(id))
        throw new ModelInputError(
          `hospital "${id}" is defined twice (an addHospital policy must use a new id)`,
        );
      this.hospitalIndex.set(id, i);
    });
    this.hospitalArea = new Int32Array(H);
    this.hospitalLat = new Float64Array(H);
    this.hospitalLng = new Float64Array(H);
    this.hospitalBeds = new Float64Array(H * FUNCTIONS);
    this.hospitalCapabilities = new Int32Array(H);
    this.hospitalInRegion = new Uint8Array(H);
    this.hospitals.forEach((h, i) => {
      this.hospitalArea[i] = this.area(h.area, `hospital "${h.id}"`);
      this.hospitalLat[i] = h.lat;
      this.hospitalLng[i] = h.lng;
      BED_FUNCTIONS.forEach((f, fi) => (this.hospitalBeds[i * FUNCTIONS + fi] = h.beds[f]));
      this.hospitalCapabilities[i] = capabilityMask(h);
      this.hospitalInRegion[i] = i < region.hospitals.length ? 1 : 0;
    });

    const B = region.ambulanceBases.length;
    this.baseIds = region.ambulanceBases.map((b) => b.id);
    this.baseIndex = new Map(this.baseIds.map((id, i) => [id, i]));
    this.baseArea = new Int32Array(B);
    this.baseLat = new Float64Array(B);
    this.baseLng = new Float64Array(B);
    this.baseVehicles = new Int32Array(B);
    region.ambulanceBases.forEach((b, i) => {
      this.baseArea[i] = this.area(b.area, `ambulance base "${b.id}"`);
      this.baseLat[i] = b.lat;
      this.baseLng[i] = b.lng;
      this.baseVehicles[i] = b.vehicles;
    });
  }

  get areaCount(): number {
    return this.areaIds.length;
  }
  get municipalityCount(): number {
    return this.municipalityIds.length;
  }
  get hospitalCount(): number {
    return this.hospitalIds.length;
  }
  get baseCount(): number {
    return this.baseIds.length;
  }

  area(id: string, where: string): number {
    const i = this.areaIndex.get(id);
    if (i === undefined) throw new ModelInputError(`${where}: unknown area "${id}"`);
    return i;
  }
  hospital(id: string, where: string): number {
    const i = this.hospitalIndex.get(id);
    if (i === undefined) throw new ModelInputError(`${where}: unknown hospital "${id}"`);
    return i;
  }
  base(id: string, where: string): number {
    const i = this.baseIndex.get(id);
    if (i === undefined) throw new ModelInputError(`${where}: unknown ambulance base "${id}"`);
    return i;
  }
}
