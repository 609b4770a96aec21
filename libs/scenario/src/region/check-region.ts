// Cross-reference checks of a region that a schema cannot express: ids unique and known,
// adjacency symmetric, municipalities in the area they claim, pathways well formed (branch
// targets exist, probabilities sum to 1, every phase reaches an exit).

import { unknownName } from '../errors/did-you-mean';
import { formatPath, type IssueList, type Path } from '../parse/located';
import { finite, idsOf, list, record, text } from '../parse/raw';
import { checkDemand } from './check-demand';

export const PATHWAY_EXITS: readonly string[] = ['home', 'death'];
const PROBABILITY_TOLERANCE = 1e-6;
/** Profiles are "mean 1"; rounding to two decimals in data files must still pass. */
const PROFILE_MEAN_TOLERANCE = 0.01;

export function checkUniqueIds(items: unknown, at: Path, noun: string, issues: IssueList): void {
  const first = new Map<string, number>();
  list(items).forEach((item, index) => {
    const id = text(record(item).id);
    if (id === undefined) return;
    const previous = first.get(id);
    if (previous !== undefined)
      issues.add(
        [...at, index, 'id'],
        `duplicate ${noun} id "${id}" (first at ${formatPath([...at, previous])})`,
      );
    else first.set(id, index);
  });
}

/** A 医療機関コード names one hospital in census reports. */
function checkUniqueCodes(hospitals: unknown, issues: IssueList): void {
  const first = new Map<string, number>();
  list(hospitals).forEach((item, index) => {
    const code = text(record(item).institutionCode);
    if (code === undefined) return;
    const previous = first.get(code);
    if (previous !== undefined)
      issues.add(
        ['hospitals', index, 'institutionCode'],
        `duplicate 医療機関コード "${code}" (first at ${formatPath(['hospitals', previous])})`,
      );
    else first.set(code, index);
  });
}

export function checkRegion(region: Record<string, unknown>, issues: IssueList): void {
  const areaIds = idsOf(region.areas);
  const areaSet = new Set(areaIds);
  const municipalityIds = idsOf(region.municipalities);
  const municipalityArea = new Map<string, string | undefined>();
  for (const m of list(region.municipalities)) {
    const id = text(record(m).id);
    if (id !== undefined) municipalityArea.set(id, text(record(m).area));
  }

  checkUniqueIds(region.areas, ['areas'], 'area', issues);
  checkUniqueIds(region.municipalities, ['municipalities'], 'municipality', issues);
  checkUniqueIds(region.hospitals, ['hospitals'], 'hospital', issues);
  checkUniqueIds(region.ambulanceBases, ['ambulanceBases'], 'ambulance base', issues);
  checkUniqueCodes(region.hospitals, issues);
  checkUniqueIds(region.conditions, ['conditions'], 'condition', issues);

  checkAdjacency(region.areas, areaIds, issues);

  const censusYear = finite(region.censusYear) ?? 2020;
  list(region.municipalities).forEach((raw, index) => {
    const m = record(raw);
    const area = text(m.area);
    if (area !== undefined && !areaSet.has(area))
      issues.add(['municipalities', index, 'area'], unknownName('area', 'areas', area, areaIds));
    const population = record(m.population);
    if (m.population !== undefined && population[String(censusYear)] === undefined) {
      issues.add(['municipalities', index, 'population'], `no population for the census year ${censusYear}`);
    }
  });

  const placed = (collection: 'hospitals' | 'ambulanceBases') => {
    list(region[collection]).forEach((raw, index) => {
      const item = record(raw);
      const area = text(item.area);
      const municipality = text(item.municipality);
      if (area !== undefined && !areaSet.has(area))
        issues.add([collection, index, 'area'], unknownName('area', 'areas', area, areaIds));
      if (municipality === undefined) return;
      if (!municipalityArea.has(municipality)) {
        issues.add(
          [collection, index, 'municipality'],
          unknownName('municipality', 'municipalities', municipality, municipalityIds),
        );
      } else if (area !== undefined && areaSet.has(area) && municipalityArea.get(municipality) !== area) {
        issues.add(
          [collection, index, 'municipality'],
          `municipality ${municipality} is in area "${municipalityArea.get(municipality)}", not "${area}"`,
        );
      }
    });
  };
  placed('hospitals');
  placed('ambulanceBases');

  list(region.hospitals).forEach((raw, index) => {
    const seen = new Set<string>();
    list(record(raw).capabilities).forEach((c, j) => {
      if (typeof c !== 'string') return;
      if (seen.has(c))
        issues.add(['hospitals', index, 'capabilities', j], `capability "${c}" is listed twice`);
      seen.add(c);
    });
  });

  const capabilities = new Set<string>();
  for (const h of list(region.hospitals))
    for (const c of list(record(h).capabilities)) if (typeof c === 'string') capabilities.add(c);
  list(region.conditions).forEach((raw, index) => {
    const condition = record(raw);
    const needed = text(condition.capability);
    if (needed !== undefined && region.hospitals !== undefined && !capabilities.has(needed)) {
      issues.add(
        ['conditions', index, 'capability'],
        `no hospital has the capability "${needed}" this condition requires`,
      );
    }
    checkPathway(condition, ['conditions', index], issues);
  });

  checkProfiles(record(region.arrivalProfiles), issues);
  checkDemand(region, issues);

  // Deferred outpatient care returns as one of these conditions: they must exist.
  const conditionIds = idsOf(region.conditions);
  for (const id of Object.keys(record(record(region.eligibility).returnConditions))) {
    if (!conditionIds.includes(id))
      issues.add(
        ['eligibility', 'returnConditions', id],
        unknownName('condition', 'conditions', id, conditionIds),
      );
  }
}

function checkAdjacency(areas: unknown, areaIds: string[], issues: IssueList): void {
  const adjacency = new Map<string, Set<string>>();
  for (const raw of list(areas)) {
    const a = record(raw);
    const id = text(a.id);
    if (id !== undefined)
      adjacency.set(id, new Set(list(a.adjacent).filter((x): x is string => typeof x === 'string')));
  }
  list(areas).forEach((raw, index) => {
    const a = record(raw);
    const id = text(a.id);
    list(a.adjacent).forEach((other, j) => {
      if (typeof other !== 'string') return;
      const path = ['areas', index, 'adjacent', j];
      if (other === id) issues.add(path, 'an area is not adjacent to itself');
      else if (!adjacency.has(other)) issues.add(path, unknownName('area', 'areas', other, areaIds));
      else if (id !== undefined && !adjacency.get(other)!.has(id)) {
        issues.add(path, `adjacency must be symmetric: area "${other}" does not list "${id}" as adjacent`);
      }
    });
  });
}

function checkBranches(branches: unknown, path: Path, targets: readonly string[], issues: IssueList): void {
  const known = new Set(targets);
  let sum = 0;
  let complete = true;
  list(branches).forEach((raw, j) => {
    const b = record(raw);
    const to = text(b.to);
    if (to !== undefined && !known.has(to))
      issues.add([...path, j, 'to'], unknownName('branch target', 'targets', to, targets));
    const p = finite(b.p);
    if (p === undefined) complete = false;
    else sum += p;
  });
  if (complete && list(branches).length > 0 && Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
    issues.add(path, `branch probabilities must sum to 1, they sum to ${Math.round(sum * 1e9) / 1e9}`);
  }
}

/** A phase without `next` goes home (the schema's default). */
function nextOf(phase: Record<string, unknown>): unknown[] {
  return phase.next === undefined ? [{ to: 'home', p: 1 }] : list(phase.next);
}

function checkPathway(condition: Record<string, unknown>, path: Path, issues: IssueList): void {
  const phaseIds = idsOf(condition.phases);
  checkUniqueIds(condition.phases, [...path, 'phases'], 'phase', issues);
  list(condition.phases).forEach((raw, j) => {
    const id = text(record(raw).id);
    if (id !== undefined && PATHWAY_EXITS.includes(id))
      issues.add([...path, 'phases', j, 'id'], `"${id}" is reserved for the pathway exit`);
  });
  checkBranches(condition.entry, [...path, 'entry'], phaseIds, issues);
  const targets = [...phaseIds, ...PATHWAY_EXITS];
  list(condition.phases).forEach((raw, j) =>
    checkBranches(nextOf(record(raw)), [...path, 'phases', j, 'next'], targets, issues),
  );

  // Every phase must be reachable from the entry and must reach an exit (no endless stay).
  const next = new Map<string, string[]>();
  for (const raw of list(condition.phases)) {
    const phase = record(raw);
    const id = text(phase.id);
    if (id === undefined) continue;
    next.set(
      id,
      nextOf(phase)
        .map((b) => text(record(b).to))
        .filter((t): t is string => t !== undefined),
    );
  }
  const reached = new Set<string>();
  const queue = list(condition.entry)
    .map((b) => text(record(b).to))
    .filter((t): t is string => t !== undefined && next.has(t));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const to of next.get(id) ?? []) if (next.has(to)) queue.push(to);
  }
  const exits = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, tos] of next) {
      if (!exits.has(id) && tos.some((to) => PATHWAY_EXITS.includes(to) || exits.has(to))) {
        exits.add(id);
        grew = true;
      }
    }
  }
  list(condition.phases).forEach((raw, j) => {
    const id = text(record(raw).id);
    if (id === undefined) return;
    if (list(condition.entry).length > 0 && !reached.has(id))
      issues.add([...path, 'phases', j], `phase "${id}" is never reached from the entry`);
    if (!exits.has(id))
      issues.add(
        [...path, 'phases', j, 'next'],
        `phase "${id}" never leads to home or death (patients would stay forever)`,
      );
  });
}

function checkProfiles(profiles: Record<string, unknown>, issues: IssueList): void {
  for (const key of ['hourOfDay', 'dayOfWeek', 'scheduledDayOfWeek']) {
    const values = list(profiles[key]);
    if (values.length === 0 || !values.every((v) => finite(v) !== undefined)) continue;
    const mean = (values as number[]).reduce((a, b) => a + b, 0) / values.length;
    if (Math.abs(mean - 1) > PROFILE_MEAN_TOLERANCE) {
      issues.add(
        ['arrivalProfiles', key],
        `multipliers must average 1, they average ${Math.round(mean * 1e4) / 1e4}`,
      );
    }
  }
}
