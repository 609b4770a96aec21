// Policies: the what-if levers of a scenario (docs/architecture.md "Policies"). Each kind is a strict
// object, so a misspelt lever field is an error, never silently ignored.

import { z } from 'zod';
import { field, idSchema, titled } from './meta';
import { bedFunctionSchema, hospitalSchema } from './region';

const base = {
  fromDay: field(z.number().int().min(0).max(7300).optional(), {
    description: 'Day the policy takes effect, counted from the scenario start (warm-up included).',
    unit: 'days',
    defaultNote: '0',
  }),
  note: field(z.string().max(1000).optional(), { description: 'Free text shown beside the policy.' }),
};

const hospitalRef = (description: string) => field(idSchema, { description });
const includeProtected = field(z.boolean().optional(), {
  description:
    "Area only: let the change take beds from hospitals with perinatal (maternity, 周産期) or tertiary emergency (emergency3, 三次救急) capability and take a hospital's last high-acute bed. Otherwise those hospitals keep their beds and a hospital with high-acute beds keeps at least one.",
  defaultNote: 'false',
});

const optionalBedCount = (fn: string) =>
  field(z.number().int().min(0).max(100_000).optional(), {
    description: `${fn} beds (unchanged when omitted).`,
    unit: 'beds',
  });

export const partialBedsSchema = titled(
  z.strictObject({
    highAcute: optionalBedCount('High-acute'),
    acute: optionalBedCount('Acute'),
    recovery: optionalBedCount('Recovery'),
    chronic: optionalBedCount('Chronic'),
  }),
  'PartialBeds',
  'Beds for some functions; omitted functions stay as they are.',
);

export const setBedsSchema = titled(
  z.strictObject({
    kind: z.literal('setBeds'),
    hospital: field(idSchema.optional(), {
      description: 'Hospital whose beds are set (exactly one of hospital | area).',
    }),
    area: field(idSchema.optional(), {
      description: 'Area whose total beds per function are set (exactly one of hospital | area).',
    }),
    beds: field(partialBedsSchema, { description: 'New bed counts by function.', unit: 'beds' }),
    includeProtected,
    ...base,
  }),
  'setBeds',
  'Sets the beds of some functions in a hospital or an area (an area total is shared over its open hospitals in proportion to their beds; a cut spares perinatal and tertiary-emergency hospitals and the last high-acute bed unless includeProtected). Cuts take effect as beds free up.',
);

export const convertBedsSchema = titled(
  z.strictObject({
    kind: z.literal('convertBeds'),
    hospital: field(idSchema.optional(), {
      description: 'Hospital converting beds (exactly one of hospital | area).',
    }),
    area: field(idSchema.optional(), {
      description: 'Area converting beds (exactly one of hospital | area).',
    }),
    from: field(bedFunctionSchema, { description: 'Function the beds leave.' }),
    to: field(bedFunctionSchema, {
      description: 'Function the beds join (e.g. acute → recovery, 病床機能の転換).',
    }),
    count: field(z.number().int().min(1).max(100_000), { description: 'Beds converted.', unit: 'beds' }),
    includeProtected,
    ...base,
  }),
  'convertBeds',
  'Converts beds from one function to another. An area converts at its open hospitals holding the function, in proportion to what each may give (perinatal and tertiary-emergency hospitals and the last high-acute bed are spared unless includeProtected); it stops at what they may give.',
);

export const closeHospitalSchema = titled(
  z.strictObject({
    kind: z.literal('closeHospital'),
    hospital: hospitalRef('Hospital that closes.'),
    ...base,
  }),
  'closeHospital',
  'Closes a hospital (閉鎖): no new admissions; patients in it finish their stay.',
);

export const mergeHospitalsSchema = titled(
  z.strictObject({
    kind: z.literal('mergeHospitals'),
    hospitals: field(z.array(idSchema).min(1).max(100), {
      description: 'Hospitals folded into `into` (their beds and capabilities move).',
    }),
    into: hospitalRef('Hospital that receives them.'),
    ...base,
  }),
  'mergeHospitals',
  'Merges hospitals into one (再編・統合).',
);

export const addHospitalSchema = titled(
  z.strictObject({
    kind: z.literal('addHospital'),
    hospital: field(hospitalSchema, {
      description: 'The new hospital (a new id, in an existing area and municipality).',
    }),
    ...base,
  }),
  'addHospital',
  'Adds a hospital.',
);

export const setAmbulancesSchema = titled(
  z.strictObject({
    kind: z.literal('setAmbulances'),
    base: field(idSchema.optional(), { description: 'Ambulance base (exactly one of base | area).' }),
    area: field(idSchema.optional(), {
      description: 'Area whose bases share the vehicles (exactly one of base | area).',
    }),
    vehicles: field(z.number().int().min(0).max(1000), {
      description: 'Vehicles in service.',
      unit: 'vehicles',
    }),
    ...base,
  }),
  'setAmbulances',
  'Sets the number of ambulances of a base or an area.',
);

export const lengthOfStaySchema = titled(
  z.strictObject({
    kind: z.literal('lengthOfStay'),
    multiplier: field(z.number().gt(0).max(10), {
      description: 'Multiplier on mean stay (0.9 = 10 % shorter).',
      unit: 'ratio',
    }),
    function: field(bedFunctionSchema.optional(), {
      description: 'Only phases of this bed function.',
      defaultNote: 'all functions',
    }),
    condition: field(idSchema.optional(), {
      description: 'Only this condition.',
      defaultNote: 'all conditions',
    }),
    ...base,
  }),
  'lengthOfStay',
  'Changes the mean length of stay (平均在院日数).',
);

const optionalShare = (description: string) =>
  field(z.number().min(0).max(1).optional(), { description, unit: 'share 0–1' });

const optionalNumber = (description: string, unit: string, min: number, max: number) =>
  field(z.number().min(min).max(max).optional(), { description, unit });

export const eligibilityPolicySchema = titled(
  z.strictObject({
    kind: z.literal('eligibility'),
    failureRate: optionalShare('Per-person failures: share of checks that fail for the person.'),
    hospitalOutagesPerDay: optionalNumber(
      "Outages of a hospital's check: starts per hospital per day.",
      'per hospital per day',
      0,
      10,
    ),
    hospitalOutageHours: field(z.number().gt(0).max(168).optional(), {
      description: "Mean length of a hospital's outage.",
      unit: 'hours',
    }),
    regionOutagesPerYear: optionalNumber('Region-wide outages: starts per year.', 'per year', 0, 365),
    regionOutageHours: field(z.number().gt(0).max(168).optional(), {
      description: 'Mean length of a region-wide outage.',
      unit: 'hours',
    }),
    proofShare: optionalShare(
      'Of failed checks: share settled with 資格確認書 or 被保険者資格申立書 (usual copay); the rest pay 10割 upfront.',
    ),
    staffMinutes: optionalNumber('Staff minutes each failed check costs.', 'minutes', 0, 240),
    delayMinutes: optionalNumber(
      'Minutes a scheduled patient spends at the desk when the check fails (the admission is not moved).',
      'minutes',
      0,
      240,
    ),
    outpatientVisitsPerAdmission: optionalNumber(
      'Outpatient visits facing the same check per admission.',
      'visits per admission',
      0,
      1000,
    ),
    deferShare: optionalShare('Of outpatient visits facing 10割 upfront: share deferred.'),
    returnShare: optionalShare('Of deferred outpatient visits: share that return as an admission.'),
    returnDays: field(z.number().gt(0).max(365).optional(), {
      description: 'Mean days from the deferred visit to the later admission.',
      unit: 'days',
    }),
    returnStayFactor: optionalNumber('Multiplier on every stay of a later admission.', 'multiplier', 1, 5),
    ...base,
  }),
  'eligibility',
  'Changes the online eligibility-check parameters (fields not given keep the region values). A failed check never postpones or forgoes care.',
);

export const travelSchema = titled(
  z.strictObject({
    kind: z.literal('travel'),
    speedFactor: field(z.number().gt(0).max(5).optional(), {
      description: 'Multiplier on travel speed (0.7 = 30 % slower, snow).',
      unit: 'ratio',
    }),
    closedLinks: field(
      z
        .array(z.tuple([idSchema, idSchema]))
        .max(1000)
        .optional(),
      {
        description: 'Pairs of area ids between which travel is not possible (disaster, closed roads).',
      },
    ),
    ...base,
  }),
  'travel',
  'Changes travel: slower roads or closed links between areas.',
);

export const bedBorrowingSchema = titled(
  z.strictObject({
    kind: z.literal('bedBorrowing'),
    enabled: field(z.boolean(), {
      description: 'A full function may use a free bed of a higher function (counted apart).',
    }),
    ...base,
  }),
  'bedBorrowing',
  'Allows a full function to borrow free beds of a higher function.',
);

export const POLICY_SCHEMAS = [
  setBedsSchema,
  convertBedsSchema,
  closeHospitalSchema,
  mergeHospitalsSchema,
  addHospitalSchema,
  setAmbulancesSchema,
  lengthOfStaySchema,
  eligibilityPolicySchema,
  travelSchema,
  bedBorrowingSchema,
] as const;

export const policySchema = titled(
  z.discriminatedUnion('kind', POLICY_SCHEMAS),
  'Policies',
  'A what-if lever, chosen by `kind`.',
);
