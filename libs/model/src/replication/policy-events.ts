// Policies on their day (docs/architecture.md "Policies"): those of day 0 shape the starting
// state, later ones fire as events ahead of anything else at their minute. A policy may
// rebuild the routing tables, change pools (whose waiters are then served, or re-homed when
// the pool closed) and change vehicles (whose bases then serve their call queues).
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import { Flag, Live } from '../patients/table';
import { applyPolicy } from '../policies/apply';
import type { PolicyEffect } from '../policies/apply';
import { ScheduledPolicy, policySchedule } from '../policies/schedule';
import type { Admissions } from './admissions';
import type { BedRules } from './bed-rules';
import type { Eligibility } from './eligibility';
import { Ev, Misc, POLICY_PRIORITY } from './events';
import type { ReplicationState } from './state';
import type { Transport } from './transport';

export class PolicyEvents {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly admissions: Admissions;
  private readonly transport: Transport;
  private readonly eligibility: Eligibility;
  private readonly schedule: ScheduledPolicy[];

  constructor(
    state: ReplicationState,
    beds: BedRules,
    admissions: Admissions,
    transport: Transport,
    eligibility: Eligibility,
  ) {
    this.state = state;
    this.beds = beds;
    this.admissions = admissions;
    this.transport = transport;
    this.eligibility = eligibility;
    this.schedule = policySchedule(state.scenario.policies);
  }

  private applyNow(s: ScheduledPolicy): PolicyEffect {
    const state = this.state;
    return applyPolicy(s.policy, `policies[${s.index}]`, state.index, state.facilities, state.levers);
  }

  /** Applies the policies of day 0 before anything is in the system (the census included). */
  applyAtStart(): void {
    let rebuild = false;
    for (const s of this.schedule) {
      if (s.day > 0) break;
      rebuild = this.applyNow(s).network || rebuild;
    }
    if (rebuild) this.state.rebuildNetwork();
    this.eligibility.leversChanged();
  }

  /** Posts the later policies that fall inside the run, each as an event of its day. */
  postLater(): void {
    const state = this.state;
    this.schedule.forEach((s, i) => {
      if (s.day > 0 && s.day * MINUTES_PER_DAY < state.endMinutes)
        state.sim.postAt(s.day * MINUTES_PER_DAY, Ev.POLICY, i, 0, POLICY_PRIORITY);
    });
  }

  /** The policy event of schedule entry i. */
  apply(i: number): void {
    const effect = this.applyNow(this.schedule[i]);
    const state = this.state;
    if (effect.network) state.rebuildNetwork();
    for (const pool of effect.pools) state.syncCapacity(pool);
    for (const pool of effect.pools) if (state.facilities.capacity(pool) === 0) this.rehomeWaiters(pool);
    for (const pool of effect.pools) this.beds.serveWaiters(pool);
    for (const b of effect.bases) this.transport.serveCallQueue(b);
    // Outages so far ran at the old rates; from now on at the new ones (a no-op for other policies).
    this.eligibility.leversChanged();
  }

  /**
   * A pool closed (capacity 0): its bed-blocked step-downs look for a transfer instead, and its
   * booking list books again among the hospitals still open (keeping its first booking time).
   */
  private rehomeWaiters(pool: number): void {
    const state = this.state;
    const p = state.patients;
    if ((pool & 3) === 2) this.beds.dropTails(pool >> 2);
    const internal = state.internalQueues[pool];
    while (internal !== null && internal.length > 0) {
      const pid = internal.dequeue();
      // Already queued for a transfer as well: it simply stays in that line.
      if (p.flags[pid] & Flag.WAITS_BOTH) p.flags[pid] &= ~Flag.WAITS_BOTH;
      else this.beds.stepDownElsewhere(pid, p.nextPhase[pid]);
    }
    const list = state.bookingLists[pool];
    while (list !== null && list.length > 0) {
      const pid = list.dequeue();
      state.misc.add(Misc.BOOKED, -1, state.sim.now);
      state.setState(pid, Live.AT_DOOR);
      this.admissions.chooseAndAdmit(pid);
    }
  }
}
