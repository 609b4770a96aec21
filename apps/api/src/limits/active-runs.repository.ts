// Queued + running runs, in all and per owner (the principal id the access guard recorded on
// the run), read from the store: the store is the truth about runs, the same for every api
// instance. Both counts are index reads (runs_by_state, runs_by_owner).
import { Inject, Injectable } from '@nestjs/common';
import { FINISHED_STATES, RUN_STATES } from '@caretwin/contracts';
import type { Db } from '@caretwin/store';
import { DATABASE } from '../store/store.tokens';

const ACTIVE = `(${RUN_STATES.filter((s) => !FINISHED_STATES.has(s))
  .map((s) => `'${s}'`)
  .join(', ')})`;

@Injectable()
export class ActiveRunsRepository {
  private readonly all;
  private readonly byOwner;

  constructor(@Inject(DATABASE) db: Db) {
    this.all = db.prepare<[], number>(`SELECT COUNT(*) FROM runs WHERE state IN ${ACTIVE}`).pluck();
    this.byOwner = db
      .prepare<[string], number>(`SELECT COUNT(*) FROM runs WHERE owner = ? AND state IN ${ACTIVE}`)
      .pluck();
  }

  /** Queued + running runs of every owner (the queue depth the cap bounds). */
  count(): number {
    return this.all.get() ?? 0;
  }

  /** Queued + running runs that `owner` started. */
  countOf(owner: string): number {
    return this.byOwner.get(owner) ?? 0;
  }
}
