// The scenario schema (docs/architecture.md "Scenarios"). Output type = `Scenario`.

import { z } from 'zod';
import { PROJECTION_YEARS } from '../types';
import { EXPRESSION_MAX_LENGTH } from '../expressions/limits';
import { field, idSchema, localizedTextSchema, longLocalizedTextSchema, titled } from './meta';
import { partialBedsSchema, policySchema } from './policies';

export const DEFAULT_REGION = 'miyagi';
export const DEFAULT_YEAR = 2025;

/** `my-baseline` or `my-baseline@3` (a saved baseline pinned to version 3). */
export const EXTENDS_PATTERN = /^([A-Za-z0-9][A-Za-z0-9_.-]*)(?:@([1-9][0-9]{0,8}))?$/;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date');

export const precisionSchema = titled(
  z.strictObject({
    kpi: field(
      z
        .string()
        .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a KPI key is dotted, e.g. occupancy.prefecture.acute')
        .max(200),
      {
        description: 'KPI key whose CI half-width decides when to stop (e.g. `occupancy.prefecture.acute`).',
      },
    ),
    halfWidth: field(z.number().gt(0).max(1e9), {
      description: 'Target half-width of the 95 % CI, in the KPI’s unit.',
      unit: 'KPI unit',
    }),
    max: field(z.number().int().min(1).max(1000), {
      description: 'Most replications to run.',
      unit: 'replications',
    }),
  }),
  'Precision',
  'Adaptive replications: run rounds until the KPI’s CI is narrow enough.',
);

export const initialCensusSchema = titled(
  z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('empty') }),
    z.strictObject({ mode: z.literal('expected') }),
    z.strictObject({
      mode: z.literal('given'),
      hospitals: field(z.record(idSchema, partialBedsSchema), {
        description: 'Occupied beds by hospital id and function.',
        unit: 'beds',
      }),
      missing: field(z.enum(['empty', 'expected']).optional(), {
        description:
          'A hospital × function not listed in `hospitals`: `empty` (no patients, the default) or `expected` (the model’s expected census, as in `mode: expected`). A forecast fills hospitals without a recent report with `expected`.',
      }),
      bookedDays: field(z.number().min(0).max(60).optional(), {
        description:
          'Days of scheduled bookings (予定入院) already on the booking lists at the start (default 1: the bookings of the census day). A census does not report the lists; a forecast sets this to the model’s own mean wait from booking to admission, so the lists hold what Little’s law says they hold (booking rate × mean wait).',
        unit: 'days',
      }),
    }),
  ]),
  'InitialCensus',
  'Beds occupied at the start: `empty`, `expected` (the model’s expected census) or `given` per hospital.',
);

export const demandSchema = titled(
  z.strictObject({
    multiplier: field(
      z
        .union([z.string().min(1).max(EXPRESSION_MAX_LENGTH), z.number().min(0)])
        .default('1')
        .transform((v) => String(v)),
      {
        description:
          'Demand multiplier: a number or an expression in `t` (days from the scenario start, warm-up included), e.g. `1 + 0.3*exp(-((t-200)/20)^2)`. See "Expressions".',
        unit: 'multiplier',
      },
    ),
    maxMultiplier: field(z.number().gt(0).max(100).default(2), {
      description:
        'Upper bound of the multiplier (the thinning bound of arrivals); an expression above it at any hour is refused.',
      unit: 'multiplier',
    }),
  }),
  'Demand',
  'The demand multiplier over time.',
);

export const scenarioSchema = titled(
  z.strictObject({
    id: field(idSchema.default('scenario'), {
      description: 'Scenario id; for files, the file name without `.yaml` (a written id must match it).',
      defaultNote: 'the file name',
    }),
    name: field(localizedTextSchema, { description: 'Short title.', defaultNote: 'the id' }),
    description: field(
      longLocalizedTextSchema.default(() => ({ ja: '', en: '' })),
      {
        description: 'One paragraph: the planning question this scenario answers.',
        defaultNote: 'empty',
      },
    ),
    extends: field(
      z.string().regex(EXTENDS_PATTERN, 'write extends: <scenario id> or <scenario id>@<version>').optional(),
      {
        description:
          'Id of the baseline this what-if changes (`<id>` or `<id>@<version>` for a saved one). Objects deep-merge, policies append, arrays of items with ids merge by id; `id`, `name` and `description` are not inherited.',
      },
    ),
    region: field(idSchema.default(DEFAULT_REGION), {
      description: 'Region id (a directory of scenarios/data/).',
    }),
    year: field(z.literal(PROJECTION_YEARS).default(DEFAULT_YEAR), {
      description: `Projection year of the population (${PROJECTION_YEARS.join(', ')}; 2020 is the census).`,
      unit: 'year',
    }),
    startDate: field(isoDate, {
      description: 'Date of simulated day 0 (start of warm-up), YYYY-MM-DD; sets weekdays and seasons.',
      defaultNote: '1 April of `year` (start of the fiscal year 年度)',
    }),
    horizonDays: field(z.number().int().min(1).max(3650).default(365), {
      description: 'Simulated days reported, after warm-up.',
      unit: 'days',
    }),
    warmupDays: field(z.number().int().min(0).max(3650).default(120), {
      description: 'Days simulated first and discarded, so stays reach their steady state.',
      unit: 'days',
    }),
    replications: field(z.number().int().min(1).max(1000).default(10), {
      description: 'Independent replications (each with its own random streams).',
      unit: 'replications',
    }),
    precision: field(precisionSchema.optional(), { description: 'Adaptive replication count (optional).' }),
    seed: field(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1), {
      description:
        'Seed of every random stream; a what-if and its baseline share it by default, so they pair (common random numbers).',
    }),
    demand: field(demandSchema.prefault({}), {
      description: 'Demand multiplier over time.',
      defaultNote: 'multiplier "1", maxMultiplier 2',
    }),
    initialCensus: field(initialCensusSchema.default({ mode: 'expected' }), {
      description: 'Beds occupied at the start.',
      defaultNote: '{mode: expected}',
    }),
    policies: field(
      z
        .array(policySchema)
        .max(1000)
        .default(() => []),
      {
        description:
          'What-if levers, applied in order of `fromDay`, then as listed. A what-if’s policies follow its baseline’s.',
      },
    ),
  }),
  'Scenario',
  'A scenario file (scenarios/<id>.yaml, or JSON): what to simulate and which levers to change.',
);
