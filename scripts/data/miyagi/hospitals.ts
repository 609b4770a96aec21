// Synthetic hospitals (合成病院): public data give beds per area and function, not per hospital,
// so each area gets a few large hospitals (all high-acute beds and the specialised capabilities),
// mid-size emergency hospitals (二次救急) and many small ones (small acute, 回復期 rehabilitation,
// 療養 long-term care). Beds are apportioned per area and function with largest remainders, so
// every area's totals equal the 2022 bed table (beds in use, idle excluded) exactly.
import {
  BED_FUNCTIONS,
  type BedFunction,
  type Beds,
  type Capability,
  type Hospital,
} from '../../../libs/scenario/src/types';
import { institutionCode } from '../../../libs/scenario/src/region/institution-code';
import { apportion, unitHash } from './apportion';
import { municipalityEn, slug } from './names';
import { cityOf } from './wards';
import type { Reference, ReferenceArea, ReferenceMunicipality } from './reference';

type Tier = 'large' | 'mid' | 'small';
type SmallKind = 'mixed' | 'rehabilitation' | 'care';

interface LargeSpec {
  id: string;
  ja: string;
  en: string;
  municipality: string;
  /** share of the area's high-acute beds (the large tier holds all of them) */
  highAcute: number;
  /** relative acute size within the large tier */
  acute: number;
  capabilities: Capability[];
}

interface AreaPlan {
  large: LargeSpec[];
  /** municipality code of each mid-size 二次救急 hospital */
  mid: string[];
  smallCount: number;
  /** share of the area's beds of a function held by each tier [large, mid, small] */
  tierShares: Record<Exclude<BedFunction, 'highAcute'>, [number, number, number]>;
}

const TERTIARY: Capability[] = [
  'stroke',
  'pci',
  'trauma',
  'orthopaedics',
  'maternity',
  'paediatrics',
  'cancer',
  'emergency3',
];
const REGIONAL_CORE: Capability[] = [
  'stroke',
  'pci',
  'orthopaedics',
  'cancer',
  'maternity',
  'paediatrics',
  'emergency2',
];
const MID_CAPABILITIES: Capability[] = ['orthopaedics', 'emergency2'];

/**
 * Per-area plans. Tertiary centres (救命救急センター) stand where Miyagi has them: three in Sendai
 * city, one each in Osaki and Ishinomaki; Sennan has none and relies on Sendai (adjacent) for
 * trauma and emergency3. The hospital counts are below the real ones (Sendai had 79 hospitals in
 * 2016) because clinics with beds are folded into the small hospitals.
 */
const PLANS: Record<string, AreaPlan> = {
  sennan: {
    large: [
      {
        id: 'sennan-core',
        ja: '仙南中核病院(仮)',
        en: 'Synthetic Sennan Core Hospital',
        municipality: '04321',
        highAcute: 1,
        acute: 1,
        capabilities: REGIONAL_CORE,
      },
    ],
    mid: ['04206', '04208'],
    smallCount: 5,
    tierShares: { acute: [0.45, 0.35, 0.2], recovery: [0.05, 0.3, 0.65], chronic: [0, 0.15, 0.85] },
  },
  sendai: {
    large: [
      {
        id: 'sendai-university',
        ja: '仙台大学病院(仮)',
        en: 'Synthetic Sendai University Hospital',
        municipality: '04101',
        highAcute: 0.26,
        acute: 0.16,
        capabilities: TERTIARY,
      },
      {
        id: 'sendai-general',
        ja: '仙台市立総合病院(仮)',
        en: 'Synthetic Sendai General',
        municipality: '04104',
        highAcute: 0.14,
        acute: 0.12,
        capabilities: TERTIARY,
      },
      {
        id: 'sendai-medical-centre',
        ja: '仙台医療センター(仮)',
        en: 'Synthetic Sendai Medical Centre',
        municipality: '04102',
        highAcute: 0.16,
        acute: 0.14,
        capabilities: TERTIARY,
      },
      {
        id: 'sendai-north-general',
        ja: '仙台北総合病院(仮)',
        en: 'Synthetic Sendai North General',
        municipality: '04105',
        highAcute: 0.09,
        acute: 0.14,
        capabilities: REGIONAL_CORE,
      },
      {
        id: 'sendai-rosai',
        ja: '仙台労災病院(仮)',
        en: 'Synthetic Sendai Rosai Hospital',
        municipality: '04101',
        highAcute: 0.08,
        acute: 0.12,
        capabilities: ['stroke', 'pci', 'trauma', 'orthopaedics', 'cancer', 'emergency2'],
      },
      {
        id: 'sendai-heart-stroke',
        ja: '仙台循環器・脳卒中センター(仮)',
        en: 'Synthetic Sendai Heart and Stroke Centre',
        municipality: '04103',
        highAcute: 0.11,
        acute: 0.1,
        capabilities: ['stroke', 'pci', 'emergency2'],
      },
      {
        id: 'miyagi-childrens',
        ja: '宮城こども病院(仮)',
        en: "Synthetic Miyagi Children's Hospital",
        municipality: '04101',
        highAcute: 0.07,
        acute: 0.06,
        capabilities: ['paediatrics', 'maternity'],
      },
      {
        id: 'miyagi-cancer-centre',
        ja: '宮城がんセンター(仮)',
        en: 'Synthetic Miyagi Cancer Centre',
        municipality: '04207',
        highAcute: 0.09,
        acute: 0.16,
        capabilities: ['cancer'],
      },
    ],
    // Sendai city's seven (East, West, South, Central, Ekimae, Aoba, Miyagino General) spread
    // over its wards so that each ward has emergency hospitals of its own.
    mid: [
      '04102',
      '04101',
      '04104',
      '04103',
      '04105',
      '04101',
      '04102',
      '04203',
      '04207',
      '04209',
      '04211',
      '04216',
      '04361',
      '04421',
    ],
    smallCount: 29,
    tierShares: { acute: [0.45, 0.35, 0.2], recovery: [0, 0.3, 0.7], chronic: [0, 0.15, 0.85] },
  },
  'osaki-kurihara': {
    large: [
      {
        id: 'osaki-citizens',
        ja: '大崎市民総合病院(仮)',
        en: "Synthetic Osaki Citizens' General",
        municipality: '04215',
        highAcute: 1,
        acute: 1,
        capabilities: TERTIARY,
      },
    ],
    mid: ['04213', '04215', '04445', '04501'],
    smallCount: 7,
    tierShares: { acute: [0.4, 0.4, 0.2], recovery: [0.05, 0.3, 0.65], chronic: [0, 0.15, 0.85] },
  },
  'ishinomaki-tome-kesennuma': {
    large: [
      {
        id: 'ishinomaki-general',
        ja: '石巻総合病院(仮)',
        en: 'Synthetic Ishinomaki General',
        municipality: '04202',
        highAcute: 0.8,
        acute: 0.6,
        capabilities: TERTIARY,
      },
      {
        id: 'kesennuma-municipal',
        ja: '気仙沼市立病院(仮)',
        en: 'Synthetic Kesennuma Municipal Hospital',
        municipality: '04205',
        highAcute: 0.2,
        acute: 0.4,
        capabilities: REGIONAL_CORE,
      },
    ],
    mid: ['04202', '04212', '04214'],
    smallCount: 8,
    tierShares: { acute: [0.5, 0.3, 0.2], recovery: [0.05, 0.3, 0.65], chronic: [0, 0.15, 0.85] },
  },
};

/** Relative size of a small hospital's functions by kind (回復期 wards include 地域包括ケア). */
const SMALL_WEIGHTS: Record<SmallKind, Record<Exclude<BedFunction, 'highAcute'>, number>> = {
  mixed: { acute: 1, recovery: 0.4, chronic: 0.4 },
  rehabilitation: { acute: 0, recovery: 1, chronic: 0.3 },
  care: { acute: 0, recovery: 0, chronic: 1 },
};
const SMALL_KIND_CYCLE: SmallKind[] = ['mixed', 'rehabilitation', 'care'];
const SMALL_KIND_NAME: Record<SmallKind, { ja: string; en: string }> = {
  mixed: { ja: '病院', en: 'Hospital' },
  rehabilitation: { ja: 'リハビリテーション病院', en: 'Rehabilitation Hospital' },
  care: { ja: '療養病院', en: 'Care Hospital' },
};

const MID_SUFFIXES = [
  { ja: '東', en: 'East' },
  { ja: '西', en: 'West' },
  { ja: '南', en: 'South' },
  { ja: '中央', en: 'Central' },
  { ja: '駅前', en: 'Ekimae' },
  { ja: '青葉', en: 'Aoba' },
  { ja: '宮城野', en: 'Miyagino' },
  { ja: '若林', en: 'Wakabayashi' },
];
const SMALL_SUFFIXES = [
  ['桜', 'Sakura'],
  ['若葉', 'Wakaba'],
  ['緑', 'Midori'],
  ['杜', 'Mori'],
  ['松風', 'Matsukaze'],
  ['希望', 'Kibo'],
  ['光', 'Hikari'],
  ['清水', 'Shimizu'],
  ['丘', 'Oka'],
  ['旭', 'Asahi'],
  ['柏', 'Kashiwa'],
  ['楓', 'Kaede'],
  ['葵', 'Aoi'],
  ['栄', 'Sakae'],
  ['愛宕', 'Atago'],
  ['八幡', 'Hachiman'],
  ['梅', 'Ume'],
  ['藤', 'Fuji'],
  ['竹', 'Take'],
  ['萩', 'Hagi'],
  ['欅', 'Keyaki'],
  ['紅葉', 'Momiji'],
  ['春日', 'Kasuga'],
  ['平和', 'Heiwa'],
].map(([ja, en]) => ({ ja, en }));

interface Draft {
  id: string;
  name: { ja: string; en: string };
  tier: Tier;
  municipality: ReferenceMunicipality;
  capabilities: Capability[];
  /** relative weights within the tier, per function */
  weights: Beds;
}

/** Deterministic ±25 % variation so synthetic hospitals of one tier differ in size. */
function jitter(id: string, fn: BedFunction): number {
  return 0.75 + 0.5 * unitHash(`${id}:${fn}`);
}

/** A ward's city name (仙台市青葉区 → 仙台市); other municipalities keep their own. */
function cityName(m: ReferenceMunicipality): string {
  return cityOf(m.code) === m.code ? m.name : m.name.replace(/[^市]+区$/, '');
}

function municipalityOf(area: ReferenceArea, code: string): ReferenceMunicipality {
  const m = area.municipalities.find((x) => x.code === code);
  if (m === undefined) throw new Error(`municipality ${code} is not in area ${area.id}`);
  return m;
}

function draftsFor(area: ReferenceArea, plan: AreaPlan): Draft[] {
  const drafts: Draft[] = plan.large.map((spec) => ({
    id: spec.id,
    name: { ja: spec.ja, en: spec.en },
    tier: 'large',
    municipality: municipalityOf(area, spec.municipality),
    capabilities: spec.capabilities,
    weights: { highAcute: spec.highAcute, acute: spec.acute, recovery: spec.acute, chronic: 0 },
  }));
  const suffixUse = new Map<string, number>();
  plan.mid.forEach((code, index) => {
    const m = municipalityOf(area, code);
    // Named after the city, not the ward (仙台東総合病院), and numbered across the city.
    const city = cityOf(code);
    const en = municipalityEn(city);
    const used = suffixUse.get(city) ?? 0;
    suffixUse.set(city, used + 1);
    // The first mid-size hospital of a town without a large one is its municipal hospital (市立/町立).
    const hasLarge = plan.large.some((l) => cityOf(l.municipality) === city);
    const municipal = used === 0 && !hasLarge;
    const suffix = MID_SUFFIXES[hasLarge ? used : used - 1];
    const id = municipal ? `${slug(en)}-municipal` : `${slug(en)}-${slug(suffix.en)}-general`;
    drafts.push({
      id,
      name: municipal
        ? { ja: `${m.name}立病院(仮)`, en: `Synthetic ${en} Municipal Hospital` }
        : {
            ja: `${cityName(m).replace(/[市町村]$/, '')}${suffix.ja}総合病院(仮)`,
            en: `Synthetic ${en} ${suffix.en} General Hospital`,
          },
      tier: 'mid',
      municipality: m,
      capabilities: MID_CAPABILITIES,
      // Every other mid-size hospital keeps a 療養 ward.
      weights: {
        highAcute: 0,
        acute: jitter(id, 'acute'),
        recovery: jitter(id, 'recovery'),
        chronic: index % 2 === 0 ? jitter(id, 'chronic') : 0,
      },
    });
  });
  // Small hospitals go to municipalities in proportion to population; towns whose share rounds
  // to zero have clinics only.
  const counts = apportion(
    plan.smallCount,
    area.municipalities.map((m) => m.population2020),
  );
  let kindIndex = 0;
  area.municipalities.forEach((m, mi) => {
    const en = municipalityEn(m.code);
    for (let k = 0; k < counts[mi]; k += 1) {
      const kind = SMALL_KIND_CYCLE[kindIndex % SMALL_KIND_CYCLE.length];
      kindIndex += 1;
      const suffix = SMALL_SUFFIXES[k];
      const id = `${slug(en)}-${slug(suffix.en)}`;
      const w = SMALL_WEIGHTS[kind];
      drafts.push({
        id,
        name: {
          ja: `${m.name.replace(/[市町村]$/, '')}${suffix.ja}${SMALL_KIND_NAME[kind].ja}(仮)`,
          en: `Synthetic ${en} ${suffix.en} ${SMALL_KIND_NAME[kind].en}`,
        },
        tier: 'small',
        municipality: m,
        capabilities: [],
        weights: {
          highAcute: 0,
          acute: w.acute * jitter(id, 'acute'),
          recovery: w.recovery * jitter(id, 'recovery'),
          chronic: w.chronic * jitter(id, 'chronic'),
        },
      });
    }
  });
  return drafts;
}

/** Within-tier weights scaled by the tier's share of the area's beds of that function. */
function areaWeights(drafts: Draft[], plan: AreaPlan, fn: BedFunction): number[] {
  const tierIndex: Record<Tier, number> = { large: 0, mid: 1, small: 2 };
  const tierSum = (tier: Tier) =>
    drafts.filter((d) => d.tier === tier).reduce((s, d) => s + d.weights[fn], 0);
  const sums: Record<Tier, number> = {
    large: tierSum('large'),
    mid: tierSum('mid'),
    small: tierSum('small'),
  };
  return drafts.map((d) => {
    const share = fn === 'highAcute' ? (d.tier === 'large' ? 1 : 0) : plan.tierShares[fn][tierIndex[d.tier]];
    return sums[d.tier] > 0 ? (share * d.weights[fn]) / sums[d.tier] : 0;
  });
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Places the k-th of n hospitals of a municipality on a sunflower spiral around its centroid:
 * the largest sit nearest the centre; radius grows with population (1.5–4 km; Sendai's wards
 * 2.9–3.8 km).
 */
function place(m: ReferenceMunicipality, k: number, n: number): { lat: number; lng: number } {
  const radiusKm = Math.min(4, 1 + 0.5 * Math.sqrt(m.population2020 / 10_000));
  const r = radiusKm * Math.sqrt((k + 0.5) / n);
  const theta = k * GOLDEN_ANGLE + 2 * Math.PI * unitHash(m.code);
  const dLat = (r * Math.cos(theta)) / 111.0;
  const dLng = (r * Math.sin(theta)) / (111.0 * Math.cos((m.lat * Math.PI) / 180));
  return { lat: Number((m.lat + dLat).toFixed(4)), lng: Number((m.lng + dLng).toFixed(4)) };
}

const TIER_NOTE: Record<Tier, string> = {
  large:
    'synthetic large hospital: holds the high-acute beds and specialised capabilities of its area; beds sized so area totals equal the 2022 bed table; capabilities estimated',
  mid: 'synthetic mid-size 二次救急 hospital: beds sized so area totals equal the 2022 bed table; capabilities estimated',
  small:
    'synthetic small hospital (stands for small hospitals and clinics with beds): beds sized so area totals equal the 2022 bed table',
};

/**
 * Synthetic 医療機関コード like the hospitals: 04 (Miyagi) + 1 (医科) + 郡市区番号 + 医療機関番号 +
 * 検証番号. The 郡市区番号 numbers the prefecture's cities and districts (wards count as their city)
 * in the order they first appear, from 01; the 医療機関番号 counts that district's hospitals from
 * 0001. Well-formed (check digit), never a real institution's.
 */
function codeAssigner(): (municipality: string) => string {
  const districts = new Map<string, number>();
  const serials = new Map<number, number>();
  return (municipality) => {
    const city = cityOf(municipality);
    const district = districts.get(city) ?? districts.size + 1;
    districts.set(city, district);
    const serial = (serials.get(district) ?? 0) + 1;
    serials.set(district, serial);
    return institutionCode('04', district, serial);
  };
}

export function buildHospitals(reference: Reference): Hospital[] {
  const codeOf = codeAssigner();
  return reference.areas.flatMap((area) => {
    const plan = PLANS[area.id];
    if (plan === undefined) throw new Error(`no hospital plan for area ${area.id}`);
    const drafts = draftsFor(area, plan);
    const beds = drafts.map(() => ({ highAcute: 0, acute: 0, recovery: 0, chronic: 0 }) as Beds);
    for (const fn of BED_FUNCTIONS) {
      apportion(area.beds2022[fn], areaWeights(drafts, plan, fn)).forEach((count, i) => {
        beds[i][fn] = count;
      });
    }
    const perMunicipality = new Map<string, number>();
    const seen = new Map<string, number>();
    for (const d of drafts)
      perMunicipality.set(d.municipality.code, (perMunicipality.get(d.municipality.code) ?? 0) + 1);
    return drafts.map((d, i): Hospital => {
      const k = seen.get(d.municipality.code) ?? 0;
      seen.set(d.municipality.code, k + 1);
      const at = place(d.municipality, k, perMunicipality.get(d.municipality.code) ?? 1);
      return {
        id: d.id,
        name: d.name,
        area: area.id,
        municipality: d.municipality.code,
        institutionCode: codeOf(d.municipality.code),
        lat: at.lat,
        lng: at.lng,
        beds: beds[i],
        capabilities: d.capabilities,
        provenance: { synthetic: true, source: 'beds', note: TIER_NOTE[d.tier] },
      };
    });
  });
}
