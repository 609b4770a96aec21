// A synthetic region of any size (`caretwin synth`): secondary medical areas (二次医療圏) on a
// grid, municipalities with populations by age band for every projection year, hospitals with
// beds by function and capabilities, ambulance bases. The clinical side (conditions and
// pathways, arrival profiles, transport and eligibility parameters, occupancy targets) is taken
// from a template region, so demand per person is as calibrated there. Seeded: the same options
// give the same region, byte for byte.
import { streamFor, type RandomStream } from '@caretwin/engine';
import {
  AGE_BANDS,
  BED_FUNCTIONS,
  CAPABILITIES,
  PROJECTION_YEARS,
  type AmbulanceBase,
  type Area,
  type Beds,
  type ByAgeBand,
  type Capability,
  type Hospital,
  type Municipality,
  type Region,
} from '@caretwin/scenario';

export interface SynthOptions {
  /** region id (also its directory name) */
  id: string;
  areas: number;
  /** persons in the census year (2020) */
  population: number;
  hospitals: number;
  /** default: 5.3 per area (Japan: about 1,740 municipalities in 330 areas) */
  municipalities?: number;
  seed: number;
  /** beds in use per 1,000 persons, all functions (default: the template's) */
  bedsPer1000?: number;
  /** ambulances per 100,000 persons (default 5.4: about 6,700 nationally) */
  ambulancesPer100k?: number;
}

/** The parts of a region taken over unchanged from the template. */
export type TemplateParts = Pick<
  Region,
  | 'conditions'
  | 'arrivalProfiles'
  | 'transport'
  | 'eligibility'
  | 'occupancyTargets'
  | 'resourcePointThresholds'
  | 'sources'
  | 'id'
> & {
  /** beds per 1,000 persons by function in the template (its bed table over its 2020 population) */
  bedsPer1000: Beds;
};

export const SYNTH_DEFAULTS = { municipalitiesPerArea: 5.3, ambulancesPer100k: 5.4 } as const;

/** Limits of the region schema (and of what a laptop can hold). */
export const SYNTH_LIMITS = { areas: 500, municipalities: 5000, hospitals: 20_000, population: 2e9 } as const;

/**
 * National age structure and population relative to 2020 (IPSS 2023 medium projection, rounded;
 * estimated). Each municipality is aged a little more or less around it.
 */
const AGE_STRUCTURE: Record<number, { total: number; shares: ByAgeBand }> = {
  2020: { total: 1, shares: { age0to14: 0.119, age15to64: 0.595, age65to74: 0.139, age75plus: 0.147 } },
  2025: { total: 0.978, shares: { age0to14: 0.112, age15to64: 0.589, age65to74: 0.123, age75plus: 0.176 } },
  2030: { total: 0.952, shares: { age0to14: 0.105, age15to64: 0.584, age65to74: 0.118, age75plus: 0.193 } },
  2035: { total: 0.925, shares: { age0to14: 0.101, age15to64: 0.573, age65to74: 0.125, age75plus: 0.201 } },
  2040: { total: 0.894, shares: { age0to14: 0.099, age15to64: 0.553, age65to74: 0.139, age75plus: 0.209 } },
};

/** Grid geometry: cells of about 33 × 34 km (Japan: 378,000 km² over 330 areas), placed over Kyushu–Tohoku. */
const CELL_LAT = 0.3;
const CELL_LNG = 0.37;
const ORIGIN = { lat: 31.0, lng: 129.5 };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Splits an integer total in proportion to weights, exactly (largest remainder, ties by index). */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  const out = new Array<number>(n).fill(0);
  if (n === 0 || total <= 0) return out;
  if (sum <= 0) {
    out[0] = total;
    return out;
  }
  const rest: Array<[number, number]> = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]) / sum;
    out[i] = Math.floor(exact);
    given += out[i];
    rest.push([exact - out[i], i]);
  }
  rest.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - given; k++) out[rest[k % n][1]]++;
  return out;
}

/** At least `least` each, the rest by weight. */
function apportionAtLeast(total: number, weights: number[], least: number): number[] {
  const base = least * weights.length;
  return apportion(total - base, weights).map((x) => x + least);
}

const lognormalWeight = (rng: RandomStream, sigma: number): number => Math.exp(sigma * rng.normal());

function populationByYear(census: number, ageing: number): Record<string, ByAgeBand> {
  const out: Record<string, ByAgeBand> = {};
  for (const year of PROJECTION_YEARS) {
    const { total, shares } = AGE_STRUCTURE[year];
    const weights = [shares.age0to14, 0, shares.age65to74 * ageing, shares.age75plus * ageing];
    weights[1] = Math.max(0, 1 - weights[0] - weights[2] - weights[3]);
    const counts = apportion(Math.round(census * total), weights);
    out[String(year)] = {
      age0to14: counts[0],
      age15to64: counts[1],
      age65to74: counts[2],
      age75plus: counts[3],
    };
  }
  return out;
}

function gridAreas(n: number): { areas: Area[]; row: number[]; col: number[] } {
  const cols = Math.ceil(Math.sqrt(n));
  const id = (i: number) => `area-${pad(i + 1, 3)}`;
  const row: number[] = [];
  const col: number[] = [];
  for (let i = 0; i < n; i++) {
    row.push(Math.floor(i / cols));
    col.push(i % cols);
  }
  const areas: Area[] = [];
  for (let i = 0; i < n; i++) {
    const adjacent: string[] = [];
    for (let j = 0; j < n; j++) {
      if (j !== i && Math.abs(row[i] - row[j]) + Math.abs(col[i] - col[j]) === 1) adjacent.push(id(j));
    }
    areas.push({ id: id(i), name: { ja: `合成圏域${i + 1}`, en: `Synthetic area ${i + 1}` }, adjacent });
  }
  return { areas, row, col };
}

/** Capabilities by a hospital's rank in its area (0 = the area's core hospital). */
function capabilitiesOf(rank: number, count: number): Capability[] {
  if (rank === 0) return [...CAPABILITIES].filter((c) => c !== 'emergency2');
  if (rank < Math.max(1, Math.ceil(count * 0.15)))
    return ['stroke', 'pci', 'orthopaedics', 'maternity', 'paediatrics', 'emergency2'];
  if (rank < Math.ceil(count * 0.45)) return ['orthopaedics', 'emergency2'];
  return [];
}

/**
 * Beds of one function spread over an area's hospitals by weight; high-acute beds only in the
 * core hospitals (the top 15 %), recovery and chronic beds mostly outside the core.
 */
function spreadBeds(total: number, sizes: number[], f: (typeof BED_FUNCTIONS)[number]): number[] {
  const n = sizes.length;
  const core = Math.max(1, Math.ceil(n * 0.15));
  const weights = sizes.map((s, rank) => {
    if (f === 'highAcute') return rank < core ? s : 0;
    if (f === 'acute') return s;
    return rank === 0 && n > 1 ? s * 0.1 : s;
  });
  return apportion(total, weights);
}

export function synthesizeRegion(options: SynthOptions, template: TemplateParts): Region {
  const { areas: A, population: P, hospitals: H, seed } = options;
  const M =
    options.municipalities ??
    Math.min(SYNTH_LIMITS.municipalities, Math.max(A, Math.round(A * SYNTH_DEFAULTS.municipalitiesPerArea)));
  const rng = (purpose: string) => streamFor(seed, 0, `synth:${purpose}`);

  const { areas, row, col } = gridAreas(A);
  const areaWeights = (() => {
    const r = rng('areas');
    return areas.map(() => lognormalWeight(r, 0.8));
  })();
  const areaPopulation = apportion(P, areaWeights);

  // Municipalities: at least one per area, the rest by population; the first is the area's city.
  const muniCount = apportionAtLeast(M, areaPopulation, 1);
  const municipalities: Municipality[] = [];
  const muniOfArea: number[][] = [];
  const muniPopulation: number[] = [];
  const place = rng('places');
  const sizes = rng('sizes');
  for (let a = 0; a < A; a++) {
    const weights = Array.from(
      { length: muniCount[a] },
      (_, k) => lognormalWeight(sizes, 1) * (k === 0 ? 4 : 1),
    );
    const pops = apportion(areaPopulation[a], weights);
    muniOfArea.push([]);
    for (let k = 0; k < muniCount[a]; k++) {
      const i = municipalities.length;
      const ageing = 0.85 + 0.3 * sizes.uniform();
      const lat = ORIGIN.lat + (row[a] + 0.1 + 0.8 * place.uniform()) * CELL_LAT;
      const lng = ORIGIN.lng + (col[a] + 0.1 + 0.8 * place.uniform()) * CELL_LNG;
      municipalities.push({
        id: pad(i + 1, 5),
        name: { ja: `合成市町村${i + 1}`, en: `Synthetic municipality ${i + 1}` },
        area: areas[a].id,
        lat: Math.round(lat * 1e4) / 1e4,
        lng: Math.round(lng * 1e4) / 1e4,
        population: populationByYear(pops[k], ageing),
        provenance: {
          synthetic: true,
          estimated: true,
          source: 'synthetic',
          note: 'synthetic municipality; age bands and projections follow the national IPSS 2023 medium projection (rounded), aged ±15 %',
        },
      });
      muniOfArea[a].push(i);
      muniPopulation.push(pops[k]);
    }
  }

  // Hospitals: at least one per area, the rest by population, sizes falling with rank.
  const perArea = apportionAtLeast(H, areaPopulation, 1);
  const scale =
    options.bedsPer1000 === undefined
      ? 1
      : options.bedsPer1000 / BED_FUNCTIONS.reduce((s, f) => s + template.bedsPer1000[f], 0);
  const hospitals: Hospital[] = [];
  const hsizes = rng('hospitals');
  for (let a = 0; a < A; a++) {
    const n = perArea[a];
    const weights = Array.from(
      { length: n },
      (_, rank) => lognormalWeight(hsizes, 0.4) / Math.pow(rank + 1, 0.8),
    );
    const beds: number[][] = BED_FUNCTIONS.map((f) =>
      spreadBeds(Math.round((areaPopulation[a] * template.bedsPer1000[f] * scale) / 1000), weights, f),
    );
    const munis = muniOfArea[a];
    const muniWeights = munis.map((m) => muniPopulation[m] + 1);
    for (let rank = 0; rank < n; rank++) {
      // The core hospital stands in the area's city; the others where people live.
      const m = rank === 0 ? munis[0] : munis[sampleIndex(muniWeights, hsizes.uniform())];
      const i = hospitals.length;
      const b: Beds = {
        highAcute: beds[0][rank],
        acute: beds[1][rank],
        recovery: beds[2][rank],
        chronic: beds[3][rank],
      };
      hospitals.push({
        id: `h${pad(i + 1, 5)}`,
        name: { ja: `合成病院${i + 1}`, en: `Synthetic hospital ${i + 1}` },
        area: areas[a].id,
        municipality: municipalities[m].id,
        lat: Math.round((municipalities[m].lat + (hsizes.uniform() - 0.5) * 0.04) * 1e4) / 1e4,
        lng: Math.round((municipalities[m].lng + (hsizes.uniform() - 0.5) * 0.04) * 1e4) / 1e4,
        beds: b,
        capabilities: capabilitiesOf(rank, n),
        provenance: {
          synthetic: true,
          source: 'synthetic',
          note: `synthetic hospital, rank ${rank + 1} of ${n} in its area; beds per person from template region ${template.id}`,
        },
      });
    }
  }

  const perVehicle = options.ambulancesPer100k ?? SYNTH_DEFAULTS.ambulancesPer100k;
  const ambulanceBases: AmbulanceBase[] = municipalities.map((m, i) => ({
    id: `b${pad(i + 1, 5)}`,
    area: m.area,
    municipality: m.id,
    lat: m.lat,
    lng: m.lng,
    vehicles: Math.min(1000, Math.max(1, Math.round((muniPopulation[i] * perVehicle) / 1e5))),
    provenance: {
      synthetic: true,
      source: 'synthetic',
      note: `one base per municipality, ${perVehicle} ambulances per 100,000 persons, at least one`,
    },
  }));

  return {
    id: options.id,
    name: { ja: `合成地域 ${options.id}`, en: `Synthetic region ${options.id}` },
    censusYear: 2020,
    areas,
    municipalities,
    hospitals,
    ambulanceBases,
    conditions: template.conditions,
    arrivalProfiles: template.arrivalProfiles,
    transport: template.transport,
    eligibility: template.eligibility,
    occupancyTargets: template.occupancyTargets,
    resourcePointThresholds: template.resourcePointThresholds,
    sources: {
      ...template.sources,
      synthetic: `caretwin synth --areas ${A} --population ${P} --hospitals ${H} --seed ${seed}: synthetic geography, population and facilities; conditions, pathways, arrival profiles, transport and eligibility from the template region ${template.id}`,
    },
    provenance: {
      synthetic: true,
      estimated: true,
      source: 'synthetic',
      note: `synthetic region; clinical parameters from template region ${template.id}`,
    },
  };
}

function sampleIndex(weights: number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** A template's beds per 1,000 persons by function, over its census-year population. */
export function bedsPer1000Of(region: Region): Beds {
  let people = 0;
  for (const m of region.municipalities) {
    const p = m.population[String(region.censusYear)];
    if (p) for (const band of AGE_BANDS) people += p[band];
  }
  const out: Beds = { highAcute: 0, acute: 0, recovery: 0, chronic: 0 };
  for (const h of region.hospitals) for (const f of BED_FUNCTIONS) out[f] += h.beds[f];
  for (const f of BED_FUNCTIONS) out[f] = people > 0 ? (1000 * out[f]) / people : 0;
  return out;
}
