// Checks the editor makes before the api sees a what-if: a conversion row is a policy only once
// it names an area and a number of beds; a bed target and a conversion on the same beds (same
// area and function) count the change twice; a merge target must be another open hospital of
// the region, typed by name or id.
import type { BedFunction, LocalizedText } from '@caretwin/scenario';

/** A conversion row as the editor holds it (what-if.ts Conversion). */
interface ConversionRow {
  key: number;
  area: string;
  from: BedFunction;
  to: BedFunction;
  count: number | null;
}

export type ConversionProblem = 'area' | 'count' | 'same';

/** What is still missing or wrong in a conversion row (empty: it is a policy). */
export function conversionProblems(c: Omit<ConversionRow, 'key'>): ConversionProblem[] {
  const problems: ConversionProblem[] = [];
  if (!c.area) problems.push('area');
  if (c.count === null || !Number.isInteger(c.count) || c.count <= 0) problems.push('count');
  if (c.from === c.to) problems.push('same');
  return problems;
}

export const conversionComplete = (c: Omit<ConversionRow, 'key'>): boolean =>
  conversionProblems(c).length === 0;

export interface DoubleCount {
  /** the conversion row's key */
  key: number;
  area: string;
  fn: BedFunction;
}

/**
 * Conversions whose area has a bed target (setBeds) for the function converted from or to: the
 * target already fixes those beds, so the conversion changes them again (二重計上).
 */
export function doubleCounts(state: {
  areaBeds: Readonly<Record<string, Partial<Record<BedFunction, number>>>>;
  conversions: readonly ConversionRow[];
}): DoubleCount[] {
  const found: DoubleCount[] = [];
  for (const c of state.conversions) {
    if (!c.area) continue;
    const targets = state.areaBeds[c.area] ?? {};
    for (const fn of c.from === c.to ? [c.from] : [c.from, c.to])
      if (targets[fn] !== undefined) found.push({ key: c.key, area: c.area, fn });
  }
  return found;
}

export type MergeTarget =
  { kind: 'none' } | { kind: 'ok'; id: string } | { kind: 'unknown' | 'self' | 'closed'; id?: string };

/**
 * The hospital a typed merge target names: its id, or its name in either language (spaces and
 * case aside). Merging into itself or into a closed hospital is refused.
 */
export function mergeTarget(
  text: string,
  hospitals: ReadonlyArray<{ id: string; name: LocalizedText }>,
  self: string,
  closed: readonly string[],
): MergeTarget {
  const typed = norm(text);
  if (!typed) return { kind: 'none' };
  const hit = hospitals.find(
    (x) => norm(x.id) === typed || norm(x.name.ja) === typed || norm(x.name.en) === typed,
  );
  if (!hit) return { kind: 'unknown' };
  if (hit.id === self) return { kind: 'self', id: hit.id };
  if (closed.includes(hit.id)) return { kind: 'closed', id: hit.id };
  return { kind: 'ok', id: hit.id };
}

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * An api issue about a merge (field `merge.<hospital>…`) as one of the editor's own merge
 * messages, so it reads in the page's language: an unknown hospital, a hospital merged into
 * itself; anything else is shown as refused, with the api's words.
 */
export function mergeIssueKind(
  message: string,
): { kind: 'unknown'; text: string } | { kind: 'self' | 'other' } {
  const unknown = /^unknown hospital "([^"]*)"/.exec(message);
  if (unknown) return { kind: 'unknown', text: unknown[1] };
  if (/is the hospital merged into/.test(message)) return { kind: 'self' };
  return { kind: 'other' };
}
