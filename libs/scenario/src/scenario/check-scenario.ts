// Cross-references between a scenario and its region: every hospital, area, base, condition
// named by a policy exists (else the known ones are listed), levers are coherent (exactly one
// target, conversions between different functions and within the beds that exist), and the
// chosen projection year has population data.

import { BED_FUNCTIONS, PROJECTION_YEARS } from '../types';
import type { Region } from '../types';
import { unknownName } from '../errors/did-you-mean';
import type { IssueList, Path } from '../parse/located';
import { finite, list, record, text } from '../parse/raw';
import { policySchema } from '../schema/policies';
import { applyBedPolicies, type IndexedPolicy } from './beds-after-policies';

interface Known {
  hospitals: string[];
  hospitalSet: Set<string>;
  areas: string[];
  areaSet: Set<string>;
  municipalityArea: Map<string, string>;
  bases: string[];
  conditions: string[];
}

/** `totalDays`: warm-up + horizon (valid values or their defaults). */
export function checkScenarioAgainstRegion(
  scenario: Record<string, unknown>,
  region: Region,
  totalDays: number,
  issues: IssueList,
): void {
  const added = list(scenario.policies)
    .map((p) => record(p))
    .filter((p) => p.kind === 'addHospital')
    .map((p) => text(record(p.hospital).id))
    .filter((id): id is string => id !== undefined);
  const hospitals = [...region.hospitals.map((h) => h.id), ...added];
  const known: Known = {
    hospitals,
    hospitalSet: new Set(hospitals),
    areas: region.areas.map((a) => a.id),
    areaSet: new Set(region.areas.map((a) => a.id)),
    municipalityArea: new Map(region.municipalities.map((m) => [m.id, m.area])),
    bases: region.ambulanceBases.map((b) => b.id),
    conditions: region.conditions.map((c) => c.id),
  };

  checkYear(scenario, region, issues);
  const typed: IndexedPolicy[] = [];
  const addedSoFar = new Set(region.hospitals.map((h) => h.id));
  list(scenario.policies).forEach((raw, index) => {
    const policy = record(raw);
    const at: Path = ['policies', index];
    const fromDay = finite(policy.fromDay);
    if (fromDay !== undefined && fromDay >= totalDays) {
      issues.add(
        [...at, 'fromDay'],
        `day ${fromDay} is after the end of the run (warm-up + horizon = ${totalDays} days): the policy would never take effect`,
      );
    }
    checkPolicy(policy, at, known, addedSoFar, issues);
    const parsed = policySchema.safeParse(raw);
    if (parsed.success) typed.push({ policy: parsed.data, index });
  });
  applyBedPolicies(region, typed, (problem) =>
    issues.add(['policies', problem.index, ...fieldPath(problem.field)], problem.message),
  );

  checkInitialCensus(record(scenario.initialCensus), region, known, issues);
}

function fieldPath(field: string): Path {
  const m = /^(\w+)\[(\d+)\]$/.exec(field);
  return m ? [m[1], Number(m[2])] : [field];
}

function checkYear(scenario: Record<string, unknown>, region: Region, issues: IssueList): void {
  const year = scenario.year ?? 2025;
  if (!(PROJECTION_YEARS as readonly unknown[]).includes(year)) return; // the schema reports it
  const missing = region.municipalities.filter((m) => m.population[String(year)] === undefined);
  if (missing.length === 0) return;
  const years = [...new Set(region.municipalities.flatMap((m) => Object.keys(m.population)))].sort();
  issues.add(
    ['year'],
    `region "${region.id}" has no population for ${year} in ${missing.length} of ${region.municipalities.length} municipalities (e.g. ${missing[0].id}); years with data: ${years.join(', ')}`,
  );
}

function exactlyOne(
  policy: Record<string, unknown>,
  a: string,
  b: string,
  at: Path,
  issues: IssueList,
): void {
  const count = (policy[a] !== undefined ? 1 : 0) + (policy[b] !== undefined ? 1 : 0);
  if (count !== 1) issues.add(at, `give exactly one of "${a}" or "${b}"${count === 2 ? ', not both' : ''}`);
}

function hospitalRef(value: unknown, at: Path, known: Known, issues: IssueList): void {
  const id = text(value);
  if (id !== undefined && !known.hospitalSet.has(id))
    issues.add(at, unknownName('hospital', 'hospitals', id, known.hospitals));
}

function areaRef(value: unknown, at: Path, known: Known, issues: IssueList): void {
  const id = text(value);
  if (id !== undefined && !known.areaSet.has(id))
    issues.add(at, unknownName('area', 'areas', id, known.areas));
}

function checkPolicy(
  policy: Record<string, unknown>,
  at: Path,
  known: Known,
  existing: Set<string>,
  issues: IssueList,
): void {
  switch (policy.kind) {
    case 'setBeds': {
      exactlyOne(policy, 'hospital', 'area', at, issues);
      hospitalRef(policy.hospital, [...at, 'hospital'], known, issues);
      areaRef(policy.area, [...at, 'area'], known, issues);
      const beds = record(policy.beds);
      if (policy.beds !== undefined && !BED_FUNCTIONS.some((f) => beds[f] !== undefined)) {
        issues.add([...at, 'beds'], `list at least one function: ${BED_FUNCTIONS.join(', ')}`);
      }
      break;
    }
    case 'convertBeds':
      exactlyOne(policy, 'hospital', 'area', at, issues);
      hospitalRef(policy.hospital, [...at, 'hospital'], known, issues);
      areaRef(policy.area, [...at, 'area'], known, issues);
      if (typeof policy.from === 'string' && policy.from === policy.to)
        issues.add([...at, 'to'], `"to" must differ from "from" (${policy.from})`);
      break;
    case 'closeHospital':
      hospitalRef(policy.hospital, [...at, 'hospital'], known, issues);
      break;
    case 'mergeHospitals': {
      const seen = new Set<string>();
      list(policy.hospitals).forEach((id, j) => {
        hospitalRef(id, [...at, 'hospitals', j], known, issues);
        if (typeof id !== 'string') return;
        if (id === policy.into)
          issues.add(
            [...at, 'hospitals', j],
            `"${id}" is the hospital merged into; list only the ones folded into it`,
          );
        if (seen.has(id)) issues.add([...at, 'hospitals', j], `"${id}" is listed twice`);
        seen.add(id);
      });
      hospitalRef(policy.into, [...at, 'into'], known, issues);
      break;
    }
    case 'addHospital': {
      const h = record(policy.hospital);
      const id = text(h.id);
      if (id !== undefined) {
        if (existing.has(id))
          issues.add(
            [...at, 'hospital', 'id'],
            `hospital id "${id}" already exists; a new hospital needs a new id`,
          );
        existing.add(id);
      }
      areaRef(h.area, [...at, 'hospital', 'area'], known, issues);
      const municipality = text(h.municipality);
      const area = text(h.area);
      if (municipality !== undefined) {
        const actual = known.municipalityArea.get(municipality);
        if (actual === undefined)
          issues.add(
            [...at, 'hospital', 'municipality'],
            unknownName('municipality', 'municipalities', municipality, [...known.municipalityArea.keys()]),
          );
        else if (area !== undefined && known.areaSet.has(area) && actual !== area) {
          issues.add(
            [...at, 'hospital', 'municipality'],
            `municipality ${municipality} is in area "${actual}", not "${area}"`,
          );
        }
      }
      break;
    }
    case 'setAmbulances': {
      exactlyOne(policy, 'base', 'area', at, issues);
      const base = text(policy.base);
      if (base !== undefined && !known.bases.includes(base))
        issues.add([...at, 'base'], unknownName('ambulance base', 'bases', base, known.bases));
      areaRef(policy.area, [...at, 'area'], known, issues);
      break;
    }
    case 'lengthOfStay': {
      const condition = text(policy.condition);
      if (condition !== undefined && !known.conditions.includes(condition)) {
        issues.add([...at, 'condition'], unknownName('condition', 'conditions', condition, known.conditions));
      }
      break;
    }
    case 'travel':
      if (policy.speedFactor === undefined && policy.closedLinks === undefined)
        issues.add(at, 'give speedFactor, closedLinks or both');
      list(policy.closedLinks).forEach((link, j) => {
        const pair = list(link);
        pair.forEach((area, k) => areaRef(area, [...at, 'closedLinks', j, k], known, issues));
        if (pair.length === 2 && pair[0] === pair[1])
          issues.add([...at, 'closedLinks', j], 'a closed link joins two different areas');
      });
      break;
    default:
      break;
  }
}

function checkInitialCensus(
  census: Record<string, unknown>,
  region: Region,
  known: Known,
  issues: IssueList,
): void {
  if (census.mode !== 'given') return;
  const beds = new Map(region.hospitals.map((h) => [h.id, h.beds]));
  for (const [id, raw] of Object.entries(record(census.hospitals))) {
    const at: Path = ['initialCensus', 'hospitals', id];
    const capacity = beds.get(id);
    if (!capacity) {
      issues.add(
        at,
        unknownName(
          'hospital',
          'hospitals',
          id,
          known.hospitals.filter((h) => beds.has(h)),
        ),
      );
      continue;
    }
    const occupied = record(raw);
    for (const f of BED_FUNCTIONS) {
      const n = finite(occupied[f]);
      if (n !== undefined && n > capacity[f])
        issues.add([...at, f], `${n} occupied ${f} beds, but the hospital has ${capacity[f]}`);
    }
  }
}
