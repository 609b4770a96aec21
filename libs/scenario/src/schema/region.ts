// The region schema: the data a scenario plans for (scenarios/data/<region>/*.yaml). Its
// output type is exactly `Region` in types.ts (checked at compile time in type-checks.ts).

import { z } from 'zod';
import { BED_FUNCTIONS, CAPABILITIES, FIVE_YEAR_BANDS } from '../types';
import { field, idSchema, localizedTextSchema, titled } from './meta';
import { institutionCodeProblem } from '../region/institution-code';

export const bedFunctionSchema = field(z.enum(BED_FUNCTIONS), {
  description: '病床機能: highAcute 高度急性期, acute 急性期, recovery 回復期, chronic 慢性期.',
});
export const capabilitySchema = z.enum(CAPABILITIES);

const bedCount = (fn: string) =>
  field(z.number().int().min(0).max(100_000).default(0), { description: `${fn} beds.`, unit: 'beds' });

export const bedsSchema = titled(
  z.strictObject({
    highAcute: bedCount('高度急性期 high-acute'),
    acute: bedCount('急性期 acute'),
    recovery: bedCount('回復期 recovery'),
    chronic: bedCount('慢性期 chronic (long-term care)'),
  }),
  'Beds',
  'Beds by function (病床機能); a missing function has 0 beds.',
);

export const provenanceSchema = titled(
  z.strictObject({
    source: field(z.string().max(500).optional(), {
      description: 'Where the figure comes from (a key of `sources` or a citation).',
    }),
    synthetic: field(z.boolean().optional(), {
      description: 'The figure is made up to match published totals (shown as synthetic).',
      defaultNote: 'false',
    }),
    estimated: field(z.boolean().optional(), {
      description: 'The figure is an estimate (shown as estimated).',
      defaultNote: 'false',
    }),
    note: field(z.string().max(2000).optional(), { description: 'Reasoning behind an estimate.' }),
  }),
  'Provenance',
  'Where a figure comes from; synthetic and estimated figures are labelled wherever they appear.',
);

const provenanceField = field(provenanceSchema.optional(), {
  description: 'Source and flags of this entry.',
});
const latitude = field(z.number().min(-90).max(90), { description: 'Latitude (WGS84).', unit: 'degrees' });
const longitude = field(z.number().min(-180).max(180), {
  description: 'Longitude (WGS84).',
  unit: 'degrees',
});
const persons = (band: string) =>
  field(z.number().min(0).max(1e8), { description: `Population aged ${band}.`, unit: 'persons' });
const ratePer100k = (band: string) =>
  field(z.number().min(0).max(100_000), {
    description: `Admissions per 100,000 persons aged ${band} per year.`,
    unit: 'per 100k per year',
  });

export const byAgeBandSchema = titled(
  z.strictObject({
    age0to14: persons('0–14'),
    age15to64: persons('15–64'),
    age65to74: persons('65–74'),
    age75plus: persons('75+'),
  }),
  'PopulationByAgeBand',
  'Persons by age band.',
);
const rateByAgeBandSchema = titled(
  z.strictObject({
    age0to14: ratePer100k('0–14'),
    age15to64: ratePer100k('15–64'),
    age65to74: ratePer100k('65–74'),
    age75plus: ratePer100k('75+'),
  }),
  'AdmissionRates',
  'Yearly admissions per 100,000 persons by age band.',
);

const fiveYearBands = (description: string, unit: string, max: number) =>
  field(z.array(z.number().min(0).max(max)).length(FIVE_YEAR_BANDS.length), { description, unit });

export const populationBySexAgeSchema = titled(
  z.strictObject({
    male: fiveYearBands('Men by 5-year band: 0–4, 5–9, …, 85–89, 90+ (19 numbers).', 'persons', 1e8),
    female: fiveYearBands('Women by 5-year band: 0–4, 5–9, …, 85–89, 90+ (19 numbers).', 'persons', 1e8),
  }),
  'PopulationBySexAge',
  'Persons by sex and 5-year age band (0–4 … 85–89, 90+).',
);
export const ratesBySexAgeSchema = titled(
  z.strictObject({
    male: fiveYearBands(
      'Admissions per 100,000 men of each 5-year band per year (0–4 … 90+, 19 numbers).',
      'per 100k per year',
      100_000,
    ),
    female: fiveYearBands(
      'Admissions per 100,000 women of each 5-year band per year (0–4 … 90+, 19 numbers).',
      'per 100k per year',
      100_000,
    ),
  }),
  'AdmissionRatesBySexAge',
  'Yearly admissions per 100,000 persons by sex and 5-year age band.',
);

export const areaSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Area id, e.g. `sendai`.' }),
    name: field(localizedTextSchema, { description: 'Name of the secondary medical area (二次医療圏).' }),
    adjacent: field(
      z
        .array(idSchema)
        .max(100)
        .default(() => []),
      {
        description:
          'Ids of areas sharing a border; patients may cross into them (流出/流入). Must be symmetric.',
      },
    ),
  }),
  'Area',
  'A secondary medical area (二次医療圏).',
);

export const municipalitySchema = titled(
  z.strictObject({
    id: field(
      z
        .string()
        .regex(/^\d{5,6}$/, 'a municipality id is its 5-digit code written as a string, e.g. "04100"'),
      {
        description: '全国地方公共団体コード (5 digits, quoted so the leading zero stays), e.g. "04100".',
      },
    ),
    name: field(localizedTextSchema, { description: 'Municipality name.' }),
    area: field(idSchema, { description: 'Id of the area it belongs to.' }),
    lat: latitude,
    lng: longitude,
    population: field(
      z.record(z.string().regex(/^\d{4}$/, 'population keys are years, e.g. "2020"'), byAgeBandSchema),
      {
        description:
          'Population by age band per year: the census year and projection years ("2025" … "2040").',
      },
    ),
    populationBySexAge: field(
      z
        .record(
          z.string().regex(/^\d{4}$/, 'population keys are years, e.g. "2020"'),
          populationBySexAgeSchema,
        )
        .optional(),
      {
        description:
          'Population by sex and 5-year band per year, the same years as `population`, whose bands it must sum to. Given for every municipality or none; demand then comes from these cells × `admissionRatesBySexAge`.',
        defaultNote: 'none (demand from the four bands)',
      },
    ),
    provenance: provenanceField,
  }),
  'Municipality',
  'A municipality (市区町村) with its centroid and population.',
);

export const hospitalSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Hospital id.' }),
    name: field(localizedTextSchema, { description: 'Hospital name.' }),
    area: field(idSchema, { description: 'Id of its area.' }),
    municipality: field(
      z
        .string()
        .regex(/^\d{5,6}$/, 'a municipality id is its 5-digit code written as a string, e.g. "04100"'),
      {
        description: 'Code of its municipality (in that area).',
      },
    ),
    institutionCode: field(
      z
        .string()
        .superRefine((code, ctx) => {
          const problem = institutionCodeProblem(code);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
      {
        description:
          '10-digit 医療機関コード (都道府県 2 + 医科 1 + 郡市区 2 + 番号 4 + 検証番号 1): the hospital’s identifier in census reports. Without one a code is derived (郡市区 99, 番号 9000 + its index).',
      },
    ),
    lat: latitude,
    lng: longitude,
    beds: field(bedsSchema, { description: 'Beds in use by function (idle beds excluded).', unit: 'beds' }),
    capabilities: field(
      z
        .array(capabilitySchema)
        .max(CAPABILITIES.length)
        .default(() => []),
      {
        description: `What it can treat: ${CAPABILITIES.join(', ')}.`,
      },
    ),
    provenance: provenanceField,
  }),
  'Hospital',
  'A hospital with beds by function and capabilities.',
);

export const ambulanceBaseSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Base id.' }),
    area: field(idSchema, { description: 'Area it serves.' }),
    municipality: field(
      z.string().regex(/^\d{5,6}$/, 'a municipality id is its 5-digit code written as a string'),
      {
        description: 'Municipality where it stands.',
      },
    ),
    lat: latitude,
    lng: longitude,
    vehicles: field(z.number().int().min(0).max(1000), {
      description: 'Ambulances in service.',
      unit: 'vehicles',
    }),
    provenance: provenanceField,
  }),
  'AmbulanceBase',
  'An ambulance base (救急隊) and its vehicles.',
);

export const staySchema = titled(
  z.strictObject({
    distribution: field(z.enum(['lognormal', 'gamma', 'exponential']).default('lognormal'), {
      description: 'Shape of the length-of-stay distribution.',
    }),
    meanDays: field(z.number().gt(0).max(3650), {
      description: 'Mean length of stay in this phase.',
      unit: 'days',
    }),
    cv: field(z.number().min(0).max(10).default(1), {
      description: 'Coefficient of variation (sd / mean); ignored for exponential.',
      unit: 'ratio',
    }),
  }),
  'StayDistribution',
  'Length of stay of a phase.',
);

export const branchSchema = titled(
  z.strictObject({
    to: field(idSchema, { description: 'A phase id of the same pathway, or `home`, or `death`.' }),
    p: field(z.number().min(0).max(1), {
      description: 'Probability of this branch; the branches of one list sum to 1.',
      unit: 'probability',
    }),
  }),
  'Branch',
  'Where a patient goes next, with its probability.',
);

export const resourceSegmentSchema = titled(
  z.strictObject({
    until: field(z.number().gt(0).max(3650).nullable().default(null), {
      description:
        'Day of the phase (from its start, exclusive) where this segment ends; null = the rest of the stay (the last segment).',
      unit: 'days',
      defaultNote: 'null (the rest of the stay)',
    }),
    points: field(z.number().min(0).max(1_000_000), {
      description:
        '医療資源投入量 on each day of the segment (fee points excluding 入院基本料 and rehabilitation).',
      unit: 'points per day',
    }),
  }),
  'ResourceSegment',
  'Daily resource intensity from the end of the previous segment (or the phase start) to `until`.',
);

const segments = (description: string) =>
  field(z.array(resourceSegmentSchema).min(1).max(50), { description });

export const resourceIntensitySchema = titled(
  z.strictObject({
    segments: segments(
      'Points per day from the phase start, in order of `until`; only the last has `until: null`. One segment = a flat intensity.',
    ),
    afterHighAcute: field(z.array(resourceSegmentSchema).min(1).max(50).optional(), {
      description:
        'Segments used instead when the patient steps down from a high-acute phase (the work-up or operation already happened there); counted in the static need only.',
      defaultNote: 'the same `segments`',
    }),
    rule: field(z.enum(['kaifukuki', 'ryoyo']).nullable().default(null), {
      description:
        'Ward rule that overrides the points: `kaifukuki` (回復期リハ / 地域包括 wards) counts every day as recovery, `ryoyo` (療養 beds) as chronic.',
    }),
  }),
  'ResourceIntensity',
  'Daily 医療資源投入量 of a phase; each day takes the bed function of its points (resourcePointThresholds), so the static need by function follows the case mix.',
);

export const phaseSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Phase id, unique within the condition.' }),
    function: field(bedFunctionSchema.optional(), {
      description:
        'Bed function (ward) this phase occupies in the simulation. With `pointsPerDay` it is derived (the most acute function the points reach on at least two days of the mean stay, or the ward rule) and, when given too, must agree.',
      defaultNote: 'derived from `pointsPerDay` (one of the two is required)',
    }),
    pointsPerDay: field(resourceIntensitySchema.optional(), {
      description:
        'Daily resource intensity (医療資源投入量) of the phase: the static need counts each day in the function of its points.',
      defaultNote: 'none: every day counts in the phase’s `function`',
    }),
    stay: field(staySchema, { description: 'Length of stay.' }),
    next: field(
      z
        .array(branchSchema)
        .min(1)
        .max(20)
        .default(() => [{ to: 'home', p: 1 }]),
      {
        description: 'Branches after this phase (probabilities sum to 1).',
        defaultNote: 'home with probability 1',
      },
    ),
  }),
  'Phase',
  'One phase of a pathway: a bed of one function for a stay.',
);

export const conditionSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Condition id, e.g. `stroke`.' }),
    name: field(localizedTextSchema, { description: 'Condition name.' }),
    admissionRatePer100k: field(rateByAgeBandSchema, {
      description: 'Admissions per 100,000 population per year by age band.',
    }),
    admissionRatesBySexAge: field(ratesBySexAgeSchema.optional(), {
      description:
        'Admissions per 100,000 persons per year by sex and 5-year band; used instead of `admissionRatePer100k` when the municipalities have `populationBySexAge`.',
      defaultNote: 'none (the four-band rates)',
    }),
    ambulanceShare: field(z.number().min(0).max(1).default(0), {
      description: 'Share of admissions that arrive by ambulance.',
      unit: 'share 0–1',
    }),
    scheduledShare: field(z.number().min(0).max(1).default(0), {
      description:
        'Share of admissions booked ahead (予定入院): they book at a hospital, wait for one of its slots and a free bed; the rest are emergencies (walk-in or ambulance). ambulanceShare + scheduledShare ≤ 1.',
      unit: 'share 0–1',
    }),
    capability: field(capabilitySchema.nullable().default(null), {
      description: 'Capability the treating hospital must have; null = any hospital with the needed bed.',
    }),
    timeCriticalMinutes: field(z.number().gt(0).max(10_080).nullable().default(null), {
      description: 'Minutes from call (or arrival) within which care should start; null = not time-critical.',
      unit: 'minutes',
    }),
    seasonalAmplitude: field(z.number().min(0).lt(1).default(0), {
      description: 'Seasonal swing of arrivals (± share around the mean).',
      unit: 'share 0–1',
    }),
    seasonalPeakDay: field(z.number().int().min(0).max(365).default(0), {
      description: 'Day of year (0 = 1 January) when the seasonal swing peaks.',
      unit: 'day of year',
    }),
    entry: field(z.array(branchSchema).min(1).max(20), {
      description: 'Entry branches into the first phase (probabilities sum to 1).',
    }),
    phases: field(z.array(phaseSchema).min(1).max(50), { description: 'The phases of the pathway.' }),
    provenance: provenanceField,
  }),
  'Condition',
  'A condition with its admission rates and pathway.',
);

const profile = (length: number) => z.array(z.number().min(0).max(24)).length(length);

export const arrivalProfilesSchema = titled(
  z.strictObject({
    hourOfDay: field(
      profile(24).default(() => Array<number>(24).fill(1)),
      {
        description: '24 multipliers (mean 1) for emergency arrivals by hour of day, 0–1 h first.',
        unit: 'multiplier',
      },
    ),
    dayOfWeek: field(
      profile(7).default(() => Array<number>(7).fill(1)),
      {
        description: '7 multipliers (mean 1) for emergency arrivals, Monday first.',
        unit: 'multiplier',
      },
    ),
    scheduledDayOfWeek: field(
      profile(7).default(() => Array<number>(7).fill(1)),
      {
        description:
          '7 multipliers (mean 1) for the hospitals’ slots of scheduled admissions (bookings themselves come evenly), Monday first.',
        unit: 'multiplier',
      },
    ),
    provenance: provenanceField,
  }),
  'ArrivalProfiles',
  'Time-of-day and day-of-week shapes of arrivals (each has mean 1).',
);

const minutes = (description: string, value: number) =>
  field(z.number().min(0).max(1440).default(value), { description, unit: 'minutes' });

const perInquiry = (description: string, value: number) =>
  field(z.number().min(0).max(1).default(value), { description, unit: 'probability per inquiry' });
const multiplier = (description: string, value: number) =>
  field(z.number().min(0).max(20).default(value), { description, unit: 'multiplier' });

export const refusalSchema = titled(
  z.strictObject({
    treatmentDifficult: perInquiry(
      '処置困難: a daytime inquiry refused because the hospital cannot treat the case (staff, equipment, the case itself), at a hospital of referenceBeds acute beds that holds the capability, for a case of average difficulty.',
      0.18,
    ),
    busy: perInquiry(
      '手術中・患者対応中: a daytime inquiry refused because the team is in theatre or with another severe patient, at a hospital whose acute beds are empty (raised by load).',
      0.01,
    ),
    outOfSpecialty: perInquiry(
      '専門外: a daytime inquiry refused as outside the specialty, at a hospital of referenceBeds acute beds that holds the capability, for a case of average difficulty.',
      0.072,
    ),
    noDoctor: perInquiry(
      '医師不在: a daytime inquiry refused for want of a doctor able to see the case, at a hospital of referenceBeds acute beds.',
      0.005,
    ),
    referenceBeds: field(z.number().gt(0).max(10_000).default(300), {
      description: 'Acute beds (high-acute + acute) at which the size factor is 1.',
      unit: 'beds',
    }),
    sizeExponent: field(z.number().min(0).max(3).default(0.5), {
      description:
        'Size factor (referenceBeds ÷ acute beds)^sizeExponent, kept within 1/3…3, on 処置困難, 専門外 and 医師不在: larger hospitals refuse less.',
      unit: 'exponent',
    }),
    noMatchFactor: multiplier(
      'On 処置困難 and 専門外 at a hospital without the capability the case needs (for conditions without one: without 救急告示 designation, emergency2 or emergency3).',
      3,
    ),
    tertiaryFactor: multiplier(
      'On 処置困難, 専門外 and 医師不在 at a tertiary hospital (emergency3, 救命救急センター).',
      0.5,
    ),
    offHoursFactor: multiplier(
      'On 医師不在 and 処置困難 outside 8–18 h and at weekends (時間外・休日).',
      2.5,
    ),
    offHoursBusyFactor: multiplier(
      'On 手術中・患者対応中 outside 8–18 h and at weekends (fewer scheduled operations).',
      0.6,
    ),
    busyAtFullLoad: multiplier(
      '手術中・患者対応中 at a hospital whose acute beds are all in use, relative to one whose are empty (linear in between).',
      3,
    ),
    caseDifficultyCv: field(z.number().min(0).max(5).default(4), {
      description:
        'Spread between patients (gamma, mean 1) of the chance of 処置困難 and 専門外: some cases are hard for every hospital asked.',
      unit: 'CV',
    }),
    provenance: provenanceField,
  }),
  'RefusalParameters',
  'Why a hospital refuses an ambulance inquiry other than for want of a bed (no bed is checked after these).',
);

export const transportSchema = titled(
  z.strictObject({
    roadFactor: field(z.number().min(1).max(5).default(1.3), {
      description: 'Road distance / straight-line distance.',
      unit: 'ratio',
    }),
    speedKmh: field(z.number().gt(0).max(200).default(40), {
      description: 'Average ambulance speed.',
      unit: 'km/h',
    }),
    dispatchMinutes: minutes(
      'Minutes from call to departure when a vehicle is free: call handling and turn-out (出場); a call that waits for a vehicle spends them while waiting.',
      2.5,
    ),
    sceneMinutes: minutes('Mean minutes on scene before the first inquiry.', 15),
    inquiryMinutes: minutes('Minutes lost per refused inquiry (照会).', 5),
    handoverMinutes: minutes('Minutes to hand over at hospital before the vehicle is free again.', 15),
    notAdmittedShare: field(z.number().min(0).lt(1).default(0.5), {
      description: 'Share of ambulance calls that do not lead to admission (mild cases); still transported.',
      unit: 'share 0–1',
    }),
    candidateCount: field(z.number().int().min(1).max(50).default(6), {
      description: 'K: capable hospitals asked, nearest first, in the home and adjacent areas.',
      unit: 'hospitals',
    }),
    localDistanceKm: field(z.number().min(0).max(100).default(3), {
      description: 'Extra distance within a municipality (dispersion around the centroid).',
      unit: 'km',
    }),
    maxInquiries: field(z.number().int().min(1).max(50).default(15), {
      description:
        'Hospitals asked before the nearest capable one must admit outside occupancy: the K nearest, then further capable hospitals within vehicleReachMinutes of the scene, nearest first.',
      unit: 'hospitals',
    }),
    vehicleReachMinutes: field(z.number().gt(0).max(1440).default(60), {
      description:
        'A call takes the nearest free vehicle of any base within this drive, its own area’s bases always included (mutual aid, 応援出場); when none is free it waits for the first one freed within it.',
      unit: 'minutes',
    }),
    refusal: field(refusalSchema.prefault({}), {
      description: 'Refusals of ambulance inquiries for reasons other than a bed.',
      defaultNote: 'the defaults of each field',
    }),
    provenance: provenanceField,
  }),
  'TransportParameters',
  'Ambulance travel and inquiry parameters.',
);

const share = (description: string, value: number) =>
  field(z.number().min(0).max(1).default(value), { description, unit: 'share 0–1' });

/**
 * オンライン資格確認 as the system works: a failed check is settled with 資格確認書 or a signed
 * 被保険者資格申立書 at the usual copay, or else 10割 upfront with a refund (償還払い); care is
 * never given up. Failure rates are neutral (0) by default; the other figures are estimates.
 */
export const eligibilitySchema = titled(
  z.strictObject({
    failureRate: share(
      'Per-person failures: share of checks that fail for the person (insurer data not yet updated, 資格情報が無効 / 有効期限切れ).',
      0,
    ),
    hospitalOutagesPerDay: field(z.number().min(0).max(10).default(0), {
      description:
        "Outages of a hospital's check (reader, network, hospital system): starts per hospital per day; every check there fails while one lasts.",
      unit: 'per hospital per day',
    }),
    hospitalOutageHours: field(z.number().gt(0).max(168).default(2), {
      description: "Mean length of a hospital's outage (exponential).",
      unit: 'hours',
    }),
    regionOutagesPerYear: field(z.number().min(0).max(365).default(0), {
      description:
        'Region-wide outages (the national system or the regional network): starts per year; every check at every hospital fails while one lasts.',
      unit: 'per year',
    }),
    regionOutageHours: field(z.number().gt(0).max(168).default(4), {
      description: 'Mean length of a region-wide outage (exponential).',
      unit: 'hours',
    }),
    proofShare: share(
      'Of failed checks: share settled with 資格確認書 or a signed 被保険者資格申立書 at the usual 1–3割 copay; the rest pay 10割 upfront and are refunded later (償還払い).',
      0.95,
    ),
    staffMinutes: field(z.number().min(0).max(240).default(10), {
      description:
        'Staff minutes each failed check costs (confirming, the 申立書 or the 10割 receipt and refund).',
      unit: 'minutes',
    }),
    delayMinutes: field(z.number().min(0).max(240).default(15), {
      description:
        'Minutes a scheduled patient spends at the desk when the check fails; counted, the admission is not moved. Emergencies are never delayed.',
      unit: 'minutes',
    }),
    outpatientVisitsPerAdmission: field(z.number().min(0).max(1000).default(140), {
      description:
        'Outpatient visits per admission: how many outpatient visits face the same check for each admission (outpatients are not simulated).',
      unit: 'visits per admission',
    }),
    deferShare: share('Of outpatient visits facing 10割 upfront: share deferred (estimate).', 0),
    returnShare: share(
      'Of deferred outpatient visits: share that return later as an emergency admission (estimate).',
      0,
    ),
    returnDays: field(z.number().gt(0).max(365).default(30), {
      description: 'Mean days from the deferred visit to the later admission (exponential).',
      unit: 'days',
    }),
    returnStayFactor: field(z.number().min(1).max(5).default(1.3), {
      description: 'Multiplier on every stay of a later admission (it comes in sicker).',
      unit: 'multiplier',
    }),
    returnConditions: field(
      z.record(idSchema, z.number().min(0).max(1000)).default(() => ({})),
      {
        description:
          'Conditions a deferred visit returns as, with relative weights (e.g. heart failure, pneumonia); empty: none returns.',
        unit: 'weights',
      },
    ),
    provenance: provenanceField,
  }),
  'EligibilityParameters',
  'My Number card online eligibility checks (オンライン資格確認); failure rates neutral (0) by default.',
);

const target = (fn: string, value: number) =>
  field(z.number().gt(0).max(1).default(value), {
    description: `Target occupancy of ${fn} beds.`,
    unit: 'share 0–1',
  });

export const occupancyTargetsSchema = titled(
  z.strictObject({
    highAcute: target('high-acute (高度急性期)', 0.75),
    acute: target('acute (急性期)', 0.78),
    recovery: target('recovery (回復期)', 0.9),
    chronic: target('chronic (慢性期)', 0.92),
  }),
  'OccupancyTargets',
  'MHLW target occupancy by function used by the static bed-need formula.',
);

const points = (description: string, value: number) =>
  field(z.number().min(0).max(1_000_000).default(value), { description, unit: 'points per day' });

export const resourcePointThresholdsSchema = titled(
  z.strictObject({
    highAcute: points('C1: a day at or above this many points is high-acute (高度急性期).', 3000),
    acute: points('C2: a day at or above this (and below C1) is acute (急性期).', 600),
    recovery: points('C3: a day at or above this (and below C2) is recovery (回復期).', 225),
    dischargeAdjustment: points(
      'Days from this up to C3 still count as recovery (退院調整, the guideline’s 175); below it a day is home or facility care (在宅医療等), not a bed need. Equal to C3 drops the allowance.',
      175,
    ),
  }),
  'ResourcePointThresholds',
  'MHLW thresholds of 医療資源投入量 (地域医療構想) that give each day of a stay its bed function; highAcute > acute > recovery ≥ dischargeAdjustment.',
);

export const regionSchema = titled(
  z.strictObject({
    id: field(idSchema, { description: 'Region id; equals its directory name under scenarios/data/.' }),
    name: field(localizedTextSchema, { description: 'Region name (e.g. 宮城県 / Miyagi).' }),
    censusYear: field(z.number().int().min(1900).max(2100).default(2020), {
      description: 'Census year of the base population.',
      unit: 'year',
    }),
    areas: field(z.array(areaSchema).min(1).max(500), {
      description: 'Secondary medical areas (Japan has about 330).',
    }),
    municipalities: field(z.array(municipalitySchema).min(1).max(5000), {
      description: 'Municipalities with population.',
    }),
    hospitals: field(z.array(hospitalSchema).min(1).max(20_000), {
      description: 'Hospitals with beds by function.',
    }),
    ambulanceBases: field(
      z
        .array(ambulanceBaseSchema)
        .max(5000)
        .default(() => []),
      { description: 'Ambulance bases.' },
    ),
    conditions: field(z.array(conditionSchema).min(1).max(500), {
      description: 'Conditions with admission rates and pathways.',
    }),
    arrivalProfiles: field(arrivalProfilesSchema.prefault({}), {
      description: 'Hour-of-day and weekday shapes of arrivals.',
      defaultNote: 'flat (all 1)',
    }),
    transport: field(transportSchema.prefault({}), {
      description: 'Ambulance travel parameters.',
      defaultNote: 'the defaults of each field',
    }),
    eligibility: field(eligibilitySchema.prefault({}), {
      description: 'Eligibility-check parameters.',
      defaultNote: 'neutral (no failures)',
    }),
    occupancyTargets: field(occupancyTargetsSchema.prefault({}), {
      description: 'MHLW target occupancy by function (0.75 / 0.78 / 0.90 / 0.92).',
      defaultNote: '0.75 / 0.78 / 0.90 / 0.92',
    }),
    resourcePointThresholds: field(resourcePointThresholdsSchema.prefault({}), {
      description:
        'Thresholds of 医療資源投入量 for bed functions (3,000 / 600 / 225, 175 for discharge adjustment).',
      defaultNote: '3,000 / 600 / 225 / 175',
    }),
    sources: field(
      z.record(z.string().min(1).max(100), z.string().max(2000)).default(() => ({})),
      {
        description: 'Source lines of the data files, by key; merged from the `sources:` of every file.',
      },
    ),
    provenance: provenanceField,
  }),
  'Region',
  'A region: the merged content of every file in scenarios/data/<region>/.',
);
