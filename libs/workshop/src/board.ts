// The board (issue 19): every variant against the baseline — the key KPIs with paired
// differences and CIs, the significant ones marked, a sentence per variant and the vote. The
// comparisons come in (the api runs libs/model's compareResults on the stored replications), so
// building the board stays pure.
import type { Board, BoardRow, Comparison, Variant } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { boardComparison, boardKpiLabels, significantKeys } from './kpis';
import { variantSentence, type Namers } from './sentence';
import { tallyVotes } from './vote';

export interface BoardInput {
  workshopId: string;
  baseline: Board['baseline'];
  /** the variants in the order they were accepted, each with its proposal's policies */
  variants: ReadonlyArray<{
    variant: Variant;
    policies: readonly Policy[];
    /** baseline (a) against the variant (b); null until both runs have completed */
    comparison: Comparison | null;
  }>;
  votes: ReadonlyArray<{ participantId: string; ranking: readonly string[] }>;
  names: Namers;
}

export function buildBoard(input: BoardInput): Board {
  const completed = input.variants.filter((v) => v.variant.state === 'completed').map((v) => v.variant.id);
  const vote = tallyVotes(input.votes, completed);
  const points = new Map(vote.rows.map((r) => [r.variantId, r.points]));
  const rows = input.variants.map(({ variant, policies, comparison }): BoardRow => {
    // A comparison is shown only for a completed run: a stale one must not outlive a rerun.
    const shown = variant.state === 'completed' && comparison ? boardComparison(comparison) : null;
    return {
      variantId: variant.id,
      title: variant.title,
      runId: variant.runId,
      state: variant.state,
      comparison: shown,
      significant: shown ? significantKeys(shown) : [],
      sentence: shown ? variantSentence(policies, shown, input.names) : null,
      points: points.get(variant.id) ?? 0,
    };
  });
  return {
    workshopId: input.workshopId,
    baseline: { ...input.baseline },
    kpis: boardKpiLabels(),
    rows,
    vote,
  };
}
