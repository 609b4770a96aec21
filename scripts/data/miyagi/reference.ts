// Reads scripts/data/reference/miyagi-reference.json (dev time only) into typed records. Nothing at run
// time reads the reference folder: the generator copies what it needs into scenarios/data/miyagi/.
import { readFileSync } from 'node:fs';
import type { Beds } from '../../../libs/scenario/src/types';

export interface ReferenceMunicipality {
  code: string;
  name: string;
  population2020: number;
  lat: number;
  lng: number;
}

export interface ReferenceArea {
  id: string;
  name: { ja: string; en: string };
  population2015: number;
  population2020: number;
  projection2025: number;
  projection2040: number;
  beds2022: Beds & { idle: number };
  bedsPlanned2025: Beds;
  hospitals2016?: number;
  municipalities: ReferenceMunicipality[];
}

export interface Reference {
  sources: Record<string, string>;
  derivedAndUncertain: string[];
  occupancyTargets: Beds;
  prefectureProjection: Record<string, number>;
  ambulance: { callToSceneMinutes: number; callToHospitalMinutes: number; year: number };
  shares65plus2015: Record<string, number>;
  averageLengthOfStayDays2021: { general: number; longTermCare: number };
  areas: ReferenceArea[];
}

function fail(what: string): never {
  throw new Error(`miyagi-reference.json: ${what}`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} is not a number`);
  return value;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(`${what} is not a string`);
  return value;
}

function beds(value: unknown, what: string): Beds {
  const r = record(value, what);
  return {
    highAcute: num(r.highAcute, `${what}.highAcute`),
    acute: num(r.acute, `${what}.acute`),
    recovery: num(r.recovery, `${what}.recovery`),
    chronic: num(r.chronic, `${what}.chronic`),
  };
}

function numbers(value: unknown, what: string): Record<string, number> {
  const r = record(value, what);
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v, `${what}.${k}`)]));
}

function strings(value: unknown, what: string): Record<string, string> {
  const r = record(value, what);
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, str(v, `${what}.${k}`)]));
}

function area(value: unknown, index: number): ReferenceArea {
  const what = `areas[${index}]`;
  const r = record(value, what);
  const name = record(r.name, `${what}.name`);
  const rows = r.municipalities;
  if (!Array.isArray(rows)) fail(`${what}.municipalities is not an array`);
  const bedsRecord = record(r.beds2022, `${what}.beds2022`);
  return {
    id: str(r.id, `${what}.id`),
    name: { ja: str(name.ja, `${what}.name.ja`), en: str(name.en, `${what}.name.en`) },
    population2015: num(r.population2015, `${what}.population2015`),
    population2020: num(r.population2020, `${what}.population2020`),
    projection2025: num(r.projection2025, `${what}.projection2025`),
    projection2040: num(r.projection2040, `${what}.projection2040`),
    beds2022: {
      ...beds(bedsRecord, `${what}.beds2022`),
      idle: num(bedsRecord.idle, `${what}.beds2022.idle`),
    },
    bedsPlanned2025: beds(r.bedsPlanned2025, `${what}.bedsPlanned2025`),
    hospitals2016: r.hospitals2016 === undefined ? undefined : num(r.hospitals2016, `${what}.hospitals2016`),
    municipalities: rows.map((row: unknown, i: number) => {
      const at = `${what}.municipalities[${i}]`;
      if (!Array.isArray(row) || row.length !== 5)
        fail(`${at} is not [code, name, population2020, lat, lng]`);
      return {
        code: str(row[0], `${at}[0]`),
        name: str(row[1], `${at}[1]`),
        population2020: num(row[2], `${at}[2]`),
        lat: num(row[3], `${at}[3]`),
        lng: num(row[4], `${at}[4]`),
      };
    }),
  };
}

export function readReference(path: string): Reference {
  const root = record(JSON.parse(readFileSync(path, 'utf8')) as unknown, 'root');
  const meta = record(root.meta, 'meta');
  const areas = root.areas;
  if (!Array.isArray(areas)) fail('areas is not an array');
  const ambulance = record(meta.ambulance, 'meta.ambulance');
  const los = record(meta.averageLengthOfStayDays2021, 'meta.averageLengthOfStayDays2021');
  const uncertain = meta.derivedAndUncertain;
  if (!Array.isArray(uncertain)) fail('meta.derivedAndUncertain is not an array');
  return {
    sources: strings(meta.sources, 'meta.sources'),
    derivedAndUncertain: uncertain.map((line: unknown, i: number) =>
      str(line, `meta.derivedAndUncertain[${i}]`),
    ),
    occupancyTargets: beds(meta.occupancyTargets, 'meta.occupancyTargets'),
    prefectureProjection: numbers(meta.prefectureProjection, 'meta.prefectureProjection'),
    ambulance: {
      callToSceneMinutes: num(ambulance.callToSceneMinutes, 'meta.ambulance.callToSceneMinutes'),
      callToHospitalMinutes: num(ambulance.callToHospitalMinutes, 'meta.ambulance.callToHospitalMinutes'),
      year: num(ambulance.year, 'meta.ambulance.year'),
    },
    shares65plus2015: numbers(meta.shares65plus2015, 'meta.shares65plus2015'),
    averageLengthOfStayDays2021: {
      general: num(los.general, 'meta.averageLengthOfStayDays2021.general'),
      longTermCare: num(los.longTermCare, 'meta.averageLengthOfStayDays2021.longTermCare'),
    },
    areas: areas.map(area),
  };
}
