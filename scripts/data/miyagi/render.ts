// Renders the Miyagi region files and the planned-2025-beds scenario as YAML text, keyed by their
// path from the repository root. Pure: build-miyagi.ts writes the result, the data test compares
// it with the committed files.
import { BED_FUNCTIONS, type Region, type Scenario } from '../../../libs/scenario/src/types';
import { buildAmbulanceBases } from './ambulance';
import { buildConditions } from './conditions';
import { readDemandInputs, type DemandInputs } from './demand-inputs';
import { buildHospitals } from './hospitals';
import { adjacentAreas } from './names';
import { buildArrivalProfiles, buildEligibility, buildTransport } from './parameters';
import { buildMunicipalities } from './population';
import type { Reference } from './reference';
import { buildSources } from './sources';
import { withSendaiWards } from './wards';
import { toYaml } from './write-yaml';

type RegionFile = Partial<Region> & Record<string, unknown>;

function regionFiles(reference: Reference, demand: DemandInputs): Record<string, RegionFile> {
  const sources = buildSources(reference);
  const withSources = (file: string, body: RegionFile): RegionFile => ({ sources: sources[file], ...body });
  return {
    'region.yaml': withSources('region.yaml', {
      id: 'miyagi',
      name: { ja: '宮城県', en: 'Miyagi' },
      censusYear: 2020,
      occupancyTargets: reference.occupancyTargets,
      resourcePointThresholds: demand.thresholds,
      areas: reference.areas.map((area) => ({
        id: area.id,
        name: area.name,
        adjacent: adjacentAreas(area.id),
      })),
      provenance: {
        source: 'population2020, beds, ipss2023, bedNeedFormula, resourcePoints',
        note:
          'published: municipal 2020 population, bed table 2022, IPSS 2023 municipal projections, occupancy targets, 医療資源投入量 thresholds; ' +
          'derived: centroids, population by sex and 5-year band, admission rates; synthetic: hospitals; estimated: ambulance bases, ' +
          'condition pathways and daily points, scheduled shares, arrival profiles, transport times',
      },
    }),
    'municipalities.yaml': withSources('municipalities.yaml', {
      municipalities: buildMunicipalities(reference, demand),
    }),
    'hospitals.yaml': withSources('hospitals.yaml', { hospitals: buildHospitals(reference) }),
    'ambulance-bases.yaml': withSources('ambulance-bases.yaml', {
      ambulanceBases: buildAmbulanceBases(reference),
    }),
    'conditions.yaml': withSources('conditions.yaml', { conditions: buildConditions(demand) }),
    'arrival-profiles.yaml': withSources('arrival-profiles.yaml', {
      arrivalProfiles: buildArrivalProfiles(),
    }),
    'transport.yaml': withSources('transport.yaml', { transport: buildTransport() }),
    'eligibility.yaml': withSources('eligibility.yaml', { eligibility: buildEligibility() }),
  };
}

/** The facilities' own 2025 plans (病床機能報告, 2025年の予定) as one setBeds policy per area. */
function plannedBedsScenario(
  reference: Reference,
): Omit<
  Scenario,
  | 'region'
  | 'year'
  | 'startDate'
  | 'horizonDays'
  | 'warmupDays'
  | 'replications'
  | 'seed'
  | 'demand'
  | 'initialCensus'
> {
  return {
    id: 'miyagi-planned-2025-beds',
    name: { ja: '宮城 2025年 各医療機関の病床計画', en: 'Miyagi 2025: beds as the hospitals plan them' },
    description: {
      ja:
        '病床機能報告(令和4年度)で各医療機関が報告した2025年の予定病床数を、医療圏・機能ごとにそのまま適用します。' +
        '仙南の高度急性期は12床から26床へ、大崎・栗原と石巻・登米・気仙沼では急性期と慢性期が減り回復期が増えます。' +
        '医療機関自身の計画どおりに病床が動いた場合、2025年の需要に対して稼働率、満床による受入不能、機能間の転院待ち(ベッドブロッキング)、' +
        '圏域をまたぐ患者の流れがどう変わるかを、2022年の病床のままの基準シナリオと比べて確かめます。',
      en:
        "Applies, per area and function, the bed numbers each facility reported for 2025 in the 2022 bed-function report: Sennan's " +
        'high-acute beds grow from 12 to 26, while Osaki-Kurihara and Ishinomaki-Tome-Kesennuma cut acute and chronic beds and add recovery beds. ' +
        "If beds move as the hospitals' own plans say, how do occupancy, refusals for lack of a bed, bed blocking between functions and " +
        'patient flows across area borders change against the baseline, which keeps the beds of 2022?',
    },
    extends: 'miyagi-2025-baseline',
    policies: reference.areas.map((area) => ({
      kind: 'setBeds' as const,
      area: area.id,
      beds: Object.fromEntries(BED_FUNCTIONS.map((fn) => [fn, area.bedsPlanned2025[fn]])),
      note: `${area.name.en}: 2022 ${BED_FUNCTIONS.map((fn) => area.beds2022[fn]).join('/')} → planned 2025 ${BED_FUNCTIONS.map((fn) => area.bedsPlanned2025[fn]).join('/')} (high-acute/acute/recovery/chronic)`,
    })),
  };
}

export function renderMiyagi(
  published: Reference,
  demand: DemandInputs = readDemandInputs(),
): Record<string, string> {
  const reference = withSendaiWards(published);
  const out: Record<string, string> = {};
  for (const [file, body] of Object.entries(regionFiles(reference, demand)))
    out[`scenarios/data/miyagi/${file}`] = toYaml(body);
  out['scenarios/miyagi-planned-2025-beds.yaml'] = toYaml(
    plannedBedsScenario(reference),
    'Source: sources.bedsPlanned2025 of the region ("same report, facilities\' own plans for 2025").',
  );
  return out;
}
