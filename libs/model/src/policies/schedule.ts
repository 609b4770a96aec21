// When each policy of a scenario takes effect: on day `fromDay` (default 0, warm-up included),
// in the order the scenario lists them among policies of the same day.
import type { Policy } from '@caretwin/scenario';

export interface ScheduledPolicy {
  policy: Policy;
  /** position in scenario.policies (used in error paths like `policies[2].hospital`) */
  index: number;
  day: number;
}

export function policySchedule(policies: Policy[]): ScheduledPolicy[] {
  return policies
    .map((policy, index) => ({ policy, index, day: Math.max(0, policy.fromDay ?? 0) }))
    .sort((a, b) => a.day - b.day || a.index - b.index);
}
