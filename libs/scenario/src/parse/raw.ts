// Defensive readers for not-yet-validated data: cross-reference checks run on the raw document
// (so they report together with schema issues) and must not trip over a wrong type.

import { isPlainObject } from './located';

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : (Object.create(null) as Record<string, unknown>);
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Ids of the items of a list that have a string `id`, in order. */
export function idsOf(value: unknown): string[] {
  const ids: string[] = [];
  for (const item of list(value)) {
    const id = text(record(item).id);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
