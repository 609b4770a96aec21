// Applies a run request's changes (`overrides`, and the replications / seed / horizonDays
// shortcuts) to a scenario the way `extends` applies a what-if to its baseline: objects merge
// key by key, `policies` append, arrays of items with ids merge by id, anything else is replaced.

type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (items: unknown[]): boolean =>
  items.length > 0 && items.every((i) => isObject(i) && typeof i.id === 'string');

function merge(base: unknown, change: unknown): unknown {
  if (change === undefined) return base;
  if (isObject(base) && isObject(change)) {
    const out: Doc = { ...base };
    for (const [key, value] of Object.entries(change)) out[key] = merge(base[key], value);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(change) && hasIds(base) && hasIds(change)) {
    const byId = new Map(change.map((item) => [(item as Doc).id as string, item]));
    const merged = base.map((item) => {
      const id = (item as Doc).id as string;
      const next = byId.get(id);
      byId.delete(id);
      return next === undefined ? item : merge(item, next);
    });
    return [...merged, ...byId.values()];
  }
  return change;
}

export function applyChanges(document: Doc, changes: Doc): Doc {
  const out: Doc = { ...document };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'policies' && Array.isArray(out.policies) && Array.isArray(value))
      out.policies = [...out.policies, ...value];
    else out[key] = merge(out[key], value);
  }
  return out;
}
