// Reads scripts/data/reference/demand-inputs.json (dev time only; demand-inputs.md documents every
// figure): population by sex and 5-year band per municipal unit and year, admission rates by
// condition, sex and band, the Miyagi scale factors, scheduled shares and the daily resource
// intensity of each phase. Nothing at run time reads the reference folder.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  FIVE_YEAR_BANDS,
  type BySexAge,
  type ResourceIntensity,
  type ResourcePointThresholds,
  type ResourceSegment,
} from '../../../libs/scenario/src/types';

export const DEFAULT_DEMAND_INPUTS = resolve(__dirname, '../reference/demand-inputs.json');

export interface DemandUnit {
  id: string;
  name: string;
  area: string;
  /** IPSS 2023 [total, 0–14, 15–64, 65+] per year */
  ipss2023: Record<string, number[]>;
  /** the 平成30年推計 shape used (Sendai's wards: the city, 04100) */
  shapeFrom: string;
  bySexAge: Record<string, BySexAge>;
}

export interface DemandInputs {
  years: number[];
  units: DemandUnit[];
  /** national admissions per 100k of that sex and band per year */
  rates: Record<string, BySexAge>;
  miyagiFactor: { allConditions: number; childbirth: number };
  ordinaryVisitShare: Record<string, number>;
  bookableShare: Record<string, number>;
  thresholds: ResourcePointThresholds;
  /** per condition and phase */
  resource: Record<string, Record<string, ResourceIntensity>>;
}

function fail(what: string): never {
  throw new Error(`demand-inputs.json: ${what}`);
}

function rec(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} is not a number`);
  return value;
}

function nums(value: unknown, what: string, length?: number): number[] {
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  if (length !== undefined && value.length !== length)
    fail(`${what} has ${value.length} numbers, not ${length}`);
  return value.map((v, i) => num(v, `${what}[${i}]`));
}

function bySexAge(value: unknown, what: string): BySexAge {
  const r = rec(value, what);
  const n = FIVE_YEAR_BANDS.length;
  return { male: nums(r.male, `${what}.male`, n), female: nums(r.female, `${what}.female`, n) };
}

function segments(value: unknown, what: string): ResourceSegment[] {
  if (!Array.isArray(value) || value.length === 0) fail(`${what} is not a non-empty list`);
  return value.map((s, i) => {
    const r = rec(s, `${what}[${i}]`);
    return {
      until: r.until === null ? null : num(r.until, `${what}[${i}].until`),
      points: num(r.points, `${what}[${i}].points`),
    };
  });
}

function shares(value: unknown, what: string): Record<string, number> {
  return Object.fromEntries(Object.entries(rec(value, what)).map(([k, v]) => [k, num(v, `${what}.${k}`)]));
}

export function readDemandInputs(path = DEFAULT_DEMAND_INPUTS): DemandInputs {
  const json = rec(JSON.parse(readFileSync(path, 'utf8')), 'file');
  const meta = rec(json.meta, 'meta');
  const bands = meta.bands;
  if (!Array.isArray(bands) || bands.join() !== FIVE_YEAR_BANDS.join()) fail('meta.bands are not 0-4 … 90+');
  const years = nums(meta.years, 'meta.years');
  const population = rec(json.population, 'population');
  if (!Array.isArray(population.units)) fail('population.units is not a list');
  const units = population.units.map((raw, i): DemandUnit => {
    const u = rec(raw, `population.units[${i}]`);
    const male = rec(u.male, `units[${i}].male`);
    const female = rec(u.female, `units[${i}].female`);
    return {
      id: String(u.id),
      name: String(u.name),
      area: String(u.area),
      ipss2023: Object.fromEntries(
        Object.entries(rec(u.ipss2023, `units[${i}].ipss2023`)).map(([y, v]) => [
          y,
          nums(v, `units[${i}].ipss2023.${y}`, 4),
        ]),
      ),
      shapeFrom: String(u.shapeFrom),
      bySexAge: Object.fromEntries(
        years.map((y) => [
          String(y),
          bySexAge({ male: male[String(y)], female: female[String(y)] }, `units[${i}] ${y}`),
        ]),
      ),
    };
  });
  const rates = rec(rec(json.admissionRates, 'admissionRates').rates, 'admissionRates.rates');
  const factor = rec(rec(json.admissionRates, 'admissionRates').miyagiFactor, 'miyagiFactor');
  const scheduled = rec(json.scheduled, 'scheduled');
  const intensity = rec(json.resourceIntensity, 'resourceIntensity');
  const t = rec(intensity.thresholds, 'resourceIntensity.thresholds');
  const resource = Object.fromEntries(
    Object.entries(rec(intensity.conditions, 'resourceIntensity.conditions')).map(([c, raw]) => [
      c,
      Object.fromEntries(
        Object.entries(rec(rec(raw, c).phases, `${c}.phases`)).map(
          ([phase, value]): [string, ResourceIntensity] => {
            const r = rec(value, `${c}.${phase}`);
            const rule = r.rule === undefined ? null : r.rule;
            if (rule !== null && rule !== 'kaifukuki' && rule !== 'ryoyo')
              fail(`${c}.${phase}.rule is ${String(rule)}`);
            return [
              phase,
              {
                segments: segments(r.segments, `${c}.${phase}.segments`),
                ...(r.afterHighAcute === undefined
                  ? {}
                  : { afterHighAcute: segments(r.afterHighAcute, `${c}.${phase}.afterHighAcute`) }),
                rule,
              },
            ];
          },
        ),
      ),
    ]),
  );
  return {
    years,
    units,
    rates: Object.fromEntries(Object.entries(rates).map(([c, v]) => [c, bySexAge(v, `rates.${c}`)])),
    miyagiFactor: {
      allConditions: num(factor.allConditions, 'miyagiFactor.allConditions'),
      childbirth: num(factor.childbirth, 'miyagiFactor.childbirth'),
    },
    ordinaryVisitShare: shares(scheduled.ordinaryVisitShare, 'scheduled.ordinaryVisitShare'),
    bookableShare: shares(scheduled.bookableShare, 'scheduled.bookableShare'),
    thresholds: {
      highAcute: num(t.highAcute, 'thresholds.highAcute'),
      acute: num(t.acute, 'thresholds.acute'),
      recovery: num(t.recovery, 'thresholds.recovery'),
      dischargeAdjustment: num(
        t.recoveryWithDischargeAdjustment,
        'thresholds.recoveryWithDischargeAdjustment',
      ),
    },
    resource,
  };
}
