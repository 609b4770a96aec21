// The lever differences between two scenarios (a = baseline, b = what-if): the settings that
// differ, and the policies only one of them has. Both scenarios are "as written" with their
// baselines resolved, so a what-if and its baseline share the baseline's policies; those are
// matched as a multiset on their content (order kept, the free-text `note` ignored).
import type { Policy, Scenario } from '@caretwin/scenario';
import { SETTING_FIELDS, settingValue, type SettingField } from './describe';

export interface SettingDifference {
  field: SettingField;
  a: string;
  b: string;
}

export interface LeverDifferences {
  settings: SettingDifference[];
  /** levers of a that b does not have (in a's order) */
  onlyA: Policy[];
  /** levers of b that a does not have (in b's order): usually the what-if's changes */
  onlyB: Policy[];
  /** levers both have */
  shared: Policy[];
}

/** JSON with sorted keys, without `note`, so equal levers compare equal. */
export function policyKey(policy: Policy): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([k, v]) => k !== 'note' && v !== undefined)
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([k, v]) => [k, sort(v)]),
      );
    return value;
  };
  const { fromDay, ...rest } = policy;
  return JSON.stringify(sort({ ...rest, fromDay: fromDay ?? 0 }));
}

export function leverDifferences(a: Scenario, b: Scenario): LeverDifferences {
  const settings = SETTING_FIELDS.flatMap((field) => {
    const va = settingValue(a, field);
    const vb = settingValue(b, field);
    return va === vb ? [] : [{ field, a: va, b: vb }];
  });
  const remaining = new Map<string, number>();
  for (const p of a.policies) remaining.set(policyKey(p), (remaining.get(policyKey(p)) ?? 0) + 1);
  const shared: Policy[] = [];
  const onlyB: Policy[] = [];
  for (const p of b.policies) {
    const key = policyKey(p);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      shared.push(p);
    } else onlyB.push(p);
  }
  const onlyA: Policy[] = [];
  for (const p of a.policies) {
    const key = policyKey(p);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      onlyA.push(p);
    }
  }
  return { settings, onlyA, onlyB, shared };
}

/** True when the two scenarios simulate the same thing (nothing but names differs). */
export const sameLevers = (d: LeverDifferences): boolean =>
  d.settings.length === 0 && d.onlyA.length === 0 && d.onlyB.length === 0;
