// The vote (issue 19): each participant ranks up to three variants, best first; a first place
// is worth 3 points, a second 2, a third 1 (a Borda count over ranks).
import type { VoteTally } from '@caretwin/contracts';
import type { ProposalIssue } from './issues';

export const MAX_RANKED = 3;
const POINTS = [3, 2, 1] as const;
const PLACES = ['1st', '2nd', '3rd'];

/**
 * Issues with a ranking against the variants one may vote for (the completed ones); [] when it
 * is fine. An empty ranking is fine: it withdraws the participant's vote.
 */
export function checkVote(ranking: unknown, variantIds: readonly string[]): ProposalIssue[] {
  if (!Array.isArray(ranking))
    return [{ path: ['ranking'], message: 'expected a list of variant ids, best first' }];
  if (ranking.length > MAX_RANKED)
    return [{ path: ['ranking'], message: `rank at most ${MAX_RANKED} variants, got ${ranking.length}` }];
  const issues: ProposalIssue[] = [];
  ranking.forEach((id, i) => {
    if (typeof id !== 'string') issues.push({ path: ['ranking', i], message: 'expected a variant id' });
    else if (ranking.indexOf(id) < i)
      issues.push({
        path: ['ranking', i],
        message: `"${id}" is already ranked ${PLACES[ranking.indexOf(id)]}`,
      });
    else if (!variantIds.includes(id))
      issues.push({
        path: ['ranking', i],
        message: `"${id}" is not a completed variant of this workshop${variantIds.length ? `; completed: ${variantIds.join(', ')}` : ' (none has completed yet)'}`,
      });
  });
  return issues;
}

/**
 * The tally over `variantIds` (every one gets a row, 0 points when nobody ranked it), best first:
 * by points, then first places, then the given order. Ranks beyond the third, ids not in
 * `variantIds` and repeats are not counted; a voter is a participant with a counted rank.
 */
export function tallyVotes(
  votes: ReadonlyArray<{ participantId: string; ranking: readonly string[] }>,
  variantIds: readonly string[],
): VoteTally {
  const rows = new Map(variantIds.map((variantId) => [variantId, { variantId, points: 0, firstPlaces: 0 }]));
  const voters = new Set<string>();
  for (const { participantId, ranking } of votes) {
    const seen = new Set<string>();
    ranking.slice(0, MAX_RANKED).forEach((id, place) => {
      const row = rows.get(id);
      if (!row || seen.has(id)) return;
      seen.add(id);
      row.points += POINTS[place];
      if (place === 0) row.firstPlaces++;
      voters.add(participantId);
    });
  }
  const order = new Map(variantIds.map((id, i) => [id, i]));
  return {
    voters: voters.size,
    rows: [...rows.values()].sort(
      (a, b) =>
        b.points - a.points ||
        b.firstPlaces - a.firstPlaces ||
        order.get(a.variantId)! - order.get(b.variantId)!,
    ),
  };
}
