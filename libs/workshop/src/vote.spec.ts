// The vote: rankings of up to three completed variants, tallied 3/2/1.
import { describe, expect, it } from 'vitest';
import { checkVote, tallyVotes } from './vote';

describe('tallyVotes', () => {
  it('gives 3, 2 and 1 points for a first, second and third place and counts first places', () => {
    const tally = tallyVotes(
      [
        { participantId: 'p1', ranking: ['a', 'b', 'c'] },
        { participantId: 'p2', ranking: ['b', 'a'] },
        { participantId: 'p3', ranking: ['b'] },
      ],
      ['a', 'b', 'c', 'd'],
    );
    expect(tally).toEqual({
      voters: 3,
      rows: [
        { variantId: 'b', points: 8, firstPlaces: 2 },
        { variantId: 'a', points: 5, firstPlaces: 1 },
        { variantId: 'c', points: 1, firstPlaces: 0 },
        { variantId: 'd', points: 0, firstPlaces: 0 },
      ],
    });
  });

  it('breaks a tie in points by first places, then by the variants’ order', () => {
    const tally = tallyVotes(
      [
        { participantId: 'p1', ranking: ['a', 'c'] },
        { participantId: 'p2', ranking: ['c', 'b'] },
        { participantId: 'p3', ranking: ['b', 'a'] },
      ],
      ['a', 'b', 'c'],
    );
    // a: 3+2 = 5, b: 2+3 = 5, c: 2+3 = 5; each has one first place: the given order decides.
    expect(tally.rows.map((r) => r.variantId)).toEqual(['a', 'b', 'c']);
    const moreFirsts = tallyVotes(
      [
        { participantId: 'p1', ranking: ['c'] },
        { participantId: 'p2', ranking: ['a', 'b', 'c'] },
      ],
      ['a', 'b', 'c'],
    );
    // a 3 (one first), c 3+1 = 4 … c leads; b 2
    expect(moreFirsts.rows.map((r) => [r.variantId, r.points])).toEqual([
      ['c', 4],
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('ignores unknown variants, repeats and ranks beyond the third, and counts only voters with a counted rank', () => {
    const tally = tallyVotes(
      [
        { participantId: 'p1', ranking: ['a', 'a', 'gone', 'b'] },
        { participantId: 'p2', ranking: [] },
        { participantId: 'p3', ranking: ['gone'] },
      ],
      ['a', 'b'],
    );
    expect(tally).toEqual({
      voters: 1,
      rows: [
        { variantId: 'a', points: 3, firstPlaces: 1 },
        { variantId: 'b', points: 0, firstPlaces: 0 },
      ],
    });
  });
});

describe('checkVote', () => {
  const completed = ['v1', 'v2', 'v3', 'v4'];

  it('accepts up to three distinct completed variants, and an empty ranking (a withdrawn vote)', () => {
    expect(checkVote(['v2', 'v1', 'v4'], completed)).toEqual([]);
    expect(checkVote([], completed)).toEqual([]);
  });

  it('refuses more than three variants at ranking', () => {
    expect(checkVote(['v1', 'v2', 'v3', 'v4'], completed)).toEqual([
      { path: ['ranking'], message: 'rank at most 3 variants, got 4' },
    ]);
  });

  it('refuses a repeated variant and one that is unknown or not completed, at its place', () => {
    expect(checkVote(['v1', 'v1', 'v9'], completed)).toEqual([
      { path: ['ranking', 1], message: '"v1" is already ranked 1st' },
      {
        path: ['ranking', 2],
        message: '"v9" is not a completed variant of this workshop; completed: v1, v2, v3, v4',
      },
    ]);
    expect(checkVote(['v1'], [])[0].message).toContain('none has completed yet');
  });

  it('refuses a ranking that is not a list of ids', () => {
    expect(checkVote('v1', completed)).toEqual([
      { path: ['ranking'], message: 'expected a list of variant ids, best first' },
    ]);
    expect(checkVote([3], completed)).toEqual([{ path: ['ranking', 0], message: 'expected a variant id' }]);
  });
});
