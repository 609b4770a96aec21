// `extends`: a what-if lists only its changes. Merging rules (docs/architecture.md "Scenarios"): objects deep-merge
// (the what-if wins), `policies` append to the baseline's, arrays whose items all carry an `id`
// merge by id, other arrays and scalars are replaced. `id`, `name` and `description` belong to
// a scenario itself and are never inherited. Positions follow the values, so an issue in an
// inherited policy still points into the baseline's file.

import {
  FORBIDDEN_KEYS,
  formatPath,
  isPlainObject,
  type LocatedDocument,
  type Path,
  type SourcePosition,
} from '../parse/located';

export const NOT_INHERITED: ReadonlySet<string> = new Set(['id', 'name', 'description', 'extends']);

type Positions = Map<string, SourcePosition>;

function hasIds(items: unknown[]): boolean {
  return items.length > 0 && items.every((item) => isPlainObject(item) && typeof item.id === 'string');
}

/** Copies `value` (from `src` at `srcPath`) into the merged tree at `dstPath`, with positions. */
function adopt(value: unknown, src: LocatedDocument, srcPath: Path, dstPath: Path, out: Positions): unknown {
  const position = src.positions.get(formatPath(srcPath));
  if (position) out.set(formatPath(dstPath), position);
  if (Array.isArray(value))
    return value.map((item, i) => adopt(item, src, [...srcPath, i], [...dstPath, i], out));
  if (isPlainObject(value)) {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      copy[key] = adopt(value[key], src, [...srcPath, key], [...dstPath, key], out);
    }
    return copy;
  }
  return value;
}

function mergeValues(
  base: unknown,
  baseDoc: LocatedDocument,
  basePath: Path,
  child: unknown,
  childDoc: LocatedDocument,
  childPath: Path,
  dstPath: Path,
  out: Positions,
): unknown {
  if (child === undefined) return adopt(base, baseDoc, basePath, dstPath, out);
  if (isPlainObject(base) && isPlainObject(child)) {
    const position =
      childDoc.positions.get(formatPath(childPath)) ?? baseDoc.positions.get(formatPath(basePath));
    if (position) out.set(formatPath(dstPath), position);
    const merged = Object.create(null) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(base), ...Object.keys(child)])) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      merged[key] = mergeValues(
        base[key],
        baseDoc,
        [...basePath, key],
        child[key],
        childDoc,
        [...childPath, key],
        [...dstPath, key],
        out,
      );
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(child) && hasIds(base) && hasIds(child)) {
    const position = childDoc.positions.get(formatPath(childPath));
    if (position) out.set(formatPath(dstPath), position);
    const childById = new Map<string, number>();
    child.forEach((item, i) => childById.set((item as { id: string }).id, i));
    const merged: unknown[] = [];
    const used = new Set<number>();
    base.forEach((item, i) => {
      const j = childById.get((item as { id: string }).id);
      const at = [...dstPath, merged.length];
      if (j === undefined) merged.push(adopt(item, baseDoc, [...basePath, i], at, out));
      else {
        used.add(j);
        merged.push(
          mergeValues(item, baseDoc, [...basePath, i], child[j], childDoc, [...childPath, j], at, out),
        );
      }
    });
    child.forEach((item, j) => {
      if (!used.has(j))
        merged.push(adopt(item, childDoc, [...childPath, j], [...dstPath, merged.length], out));
    });
    return merged;
  }
  return adopt(child, childDoc, childPath, dstPath, out);
}

/** Merges a what-if (`child`) onto its resolved baseline (`base`). Both are mappings. */
export function mergeScenarioDocuments(base: LocatedDocument, child: LocatedDocument): LocatedDocument {
  const b = isPlainObject(base.value) ? base.value : (Object.create(null) as Record<string, unknown>);
  const c = isPlainObject(child.value) ? child.value : (Object.create(null) as Record<string, unknown>);
  const out: Positions = new Map();
  const rootPosition = child.positions.get('');
  if (rootPosition) out.set('', rootPosition);
  const merged = Object.create(null) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b).filter((k) => !NOT_INHERITED.has(k)), ...Object.keys(c)]);
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (key === 'policies' && Array.isArray(b.policies) && Array.isArray(c.policies)) {
      const inherited = b.policies.map((p, i) => adopt(p, base, ['policies', i], ['policies', i], out));
      const own = c.policies.map((p, i) =>
        adopt(p, child, ['policies', i], ['policies', inherited.length + i], out),
      );
      const position = child.positions.get('policies');
      if (position) out.set('policies', position);
      merged.policies = [...inherited, ...own];
    } else if (!(key in c)) {
      merged[key] = adopt(b[key], base, [key], [key], out);
    } else {
      merged[key] = mergeValues(b[key], base, [key], c[key], child, [key], [key], out);
    }
  }
  return { file: child.file, value: merged, positions: out };
}
