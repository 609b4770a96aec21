// The room's panels as DOM (thin: the logic is in board.ts, room-state.ts and follow.ts): the
// variant runs, the board, the proposals (with the facilitator's merge / accept / decline), the
// vote, and the bound of a lever in words. Selectors are the e2e test's (docs/workshops.md).
import type { Board, LeverBound, Proposal, Variant, VoteTally } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import type { Lang } from '../charts/labels';
import { describePolicy } from '../levers/describe';
import { fmt, lang, t, type MessageKey } from '../i18n';
import { h } from '../ui/dom';
import { progressBar, stateBadge } from '../ui/widgets';
import { functionName } from '../views/region-labels';
import { boardCell, sortBoardRows, type BoardSort } from './board';
import type { RoomRole } from './follow';
import type { RoomState } from './room-state';

export interface Names {
  area(id: string): string;
  hospital(id: string): string;
}

/** A lever's bound in words, e.g. "仙台: 最大 300 床を転換(急性期 → 回復期)". */
export function describeLever(lever: LeverBound, names: Names): string {
  const functions = (list: readonly string[] | undefined): string =>
    list?.length ? list.map(functionName).join('・') : t('ws.lever.anyFunction');
  switch (lever.kind) {
    case 'convertBeds':
      return t('ws.bound.convertBeds', {
        area: names.area(lever.area),
        max: fmt.number(lever.maxBeds),
        from: functions(lever.from),
        to: functions(lever.to),
      });
    case 'ambulances':
      return t('ws.bound.ambulances', {
        area: lever.area ? names.area(lever.area) : t('ws.lever.anyArea'),
        max: fmt.number(lever.maxChange),
      });
    case 'closeHospital':
      return t('ws.bound.closeHospital', { hospitals: lever.hospitals.map(names.hospital).join(', ') });
    case 'lengthOfStay':
      return t('ws.bound.lengthOfStay', { min: fmt.number(lever.min, 2), max: fmt.number(lever.max, 2) });
    case 'eligibility':
      return t('ws.bound.eligibility', { max: fmt.percent(lever.maxFailureRate, 1) });
  }
}

export const leverName = (lever: LeverBound): string => t(`ws.lever.${lever.kind}` as MessageKey);

/** Each accepted proposal's run, filling in live. */
export function variantList(variants: readonly Variant[]): HTMLElement {
  if (variants.length === 0) return h('p', { class: 'muted', 'data-variants': '0' }, t('ws.variants.none'));
  return h(
    'ul',
    { class: 'ws-variants', 'data-variants': String(variants.length) },
    variants.map((variant) =>
      h(
        'li',
        {
          'data-testid': 'variant',
          'data-variant-id': variant.id,
          'data-state': variant.state,
          'data-percent': String(Math.round(variant.percent)),
        },
        h('span', { class: 'ws-variant-title' }, variant.title),
        ' ',
        stateBadge(variant.state),
        variant.state === 'completed' ? null : progressBar(variant.percent, variant.title),
      ),
    ),
  );
}

/** The board: variants × key KPIs against the baseline, sortable, significant ones marked. */
export function boardTable(board: Board, sort: BoardSort, onSort: (key: string) => void): HTMLElement {
  const language: Lang = lang();
  const arrow = (key: string): string => (sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '');
  const sortButton = (key: string, label: string): HTMLElement =>
    h(
      'button',
      {
        type: 'button',
        class: 'ws-sort',
        'data-testid': `board-sort-${key}`,
        'aria-label': t('ws.board.sortBy', { label }),
        'aria-sort': sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null,
        onclick: () => onSort(key),
      },
      label,
      arrow(key),
    );
  const rows = sortBoardRows(board.rows, sort);
  return h(
    'div',
    { class: 'ws-board', 'data-testid': 'board', 'data-rows': String(board.rows.length) },
    board.baseline.state === 'completed'
      ? null
      : h('p', { class: 'muted' }, t('ws.board.baselineRunning'), ' ', stateBadge(board.baseline.state)),
    rows.length === 0
      ? h('p', { class: 'muted' }, t('ws.board.empty'))
      : h(
          'div',
          { class: 'ws-board-scroll' },
          h(
            'table',
            { class: 'data ws-board-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('ws.board.variant')),
                board.kpis.map((kpi) => h('th', { scope: 'col' }, sortButton(kpi.key, kpi.label[language]))),
                h('th', { scope: 'col', class: 'num' }, sortButton('points', t('ws.board.points'))),
              ),
            ),
            h(
              'tbody',
              null,
              rows.map((row) =>
                h(
                  'tr',
                  { 'data-testid': 'board-row', 'data-variant-id': row.variantId, 'data-state': row.state },
                  h(
                    'th',
                    { scope: 'row' },
                    h('div', { class: 'ws-board-name' }, row.title),
                    row.state === 'completed' ? null : stateBadge(row.state),
                    h(
                      'p',
                      { class: 'ws-sentence', 'data-testid': 'board-sentence', lang: language },
                      row.sentence ? row.sentence[language] : '',
                    ),
                  ),
                  board.kpis.map((kpi) => {
                    const difference = row.comparison?.kpis[kpi.key];
                    if (!difference) return h('td', { class: 'num muted' }, '–');
                    const cell = boardCell(difference, kpi.unit, language, kpi.key);
                    // 有意 as the api judged it (CI and practical threshold: row.significant)
                    const significant = row.significant.includes(kpi.key);
                    return h(
                      'td',
                      {
                        class: `num${significant ? ' significant' : ''}`,
                        'data-kpi': kpi.key,
                        'data-significant': String(significant),
                        title: cell.absolute,
                      },
                      h('strong', null, significant ? '★ ' : '', cell.change),
                      h('div', { class: 'ws-ci' }, cell.ci),
                    );
                  }),
                  h('td', { class: 'num', 'data-points': String(row.points) }, fmt.number(row.points)),
                ),
              ),
            ),
          ),
        ),
    h('p', { class: 'muted small' }, t('ws.board.note')),
  );
}

/** The vote's result: points per variant (3/2/1), most first. */
export function voteTally(vote: VoteTally, titles: ReadonlyMap<string, string>): HTMLElement {
  const rows = [...vote.rows].sort((a, b) => b.points - a.points || b.firstPlaces - a.firstPlaces);
  return h(
    'div',
    { 'data-testid': 'vote-tally', 'data-voters': String(vote.voters) },
    h('h3', null, t('ws.vote.tally', { n: vote.voters })),
    h(
      'table',
      { class: 'data ws-tally' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('ws.board.variant')),
          h('th', { scope: 'col', class: 'num' }, t('ws.vote.points')),
          h('th', { scope: 'col', class: 'num' }, t('ws.vote.firstPlaces')),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((row) =>
          h(
            'tr',
            {
              'data-testid': 'vote-row',
              'data-variant-id': row.variantId,
              'data-points': String(row.points),
            },
            h('th', { scope: 'row' }, titles.get(row.variantId) ?? row.variantId),
            h('td', { class: 'num' }, fmt.number(row.points)),
            h('td', { class: 'num' }, fmt.number(row.firstPlaces)),
          ),
        ),
      ),
    ),
  );
}

export interface VoteHandlers {
  picks: string[];
  pick(rank: number, variantId: string): void;
  submit(): void;
  message: { text: string; error: boolean } | null;
}

/** Rank up to three completed variants (participants), and the tally (everyone). */
export function votePanel(room: RoomState, role: RoomRole, handlers: VoteHandlers): HTMLElement {
  const completed = room.variants.filter((v) => v.state === 'completed');
  const titles = new Map(room.variants.map((v) => [v.id, v.title]));
  const closed = room.workshop.state === 'closed';
  const form =
    role !== 'participant'
      ? h('p', { class: 'muted' }, t('ws.vote.onlyParticipants'))
      : completed.length === 0
        ? h('p', { class: 'muted' }, t('ws.vote.nothing'))
        : h(
            'form',
            {
              class: 'ws-vote-form',
              novalidate: true,
              onsubmit: (event: Event) => {
                event.preventDefault();
                handlers.submit();
              },
            },
            [1, 2, 3].map((rank) =>
              h(
                'label',
                null,
                h('span', null, t('ws.vote.rank', { n: rank })),
                h(
                  'select',
                  {
                    'data-testid': `vote-rank-${rank}`,
                    disabled: closed,
                    onchange: (event: Event) =>
                      handlers.pick(rank - 1, (event.target as HTMLSelectElement).value),
                  },
                  h('option', { value: '', selected: !handlers.picks[rank - 1] }, t('ws.vote.none')),
                  completed.map((v) =>
                    h('option', { value: v.id, selected: handlers.picks[rank - 1] === v.id }, v.title),
                  ),
                ),
              ),
            ),
            h(
              'button',
              { type: 'submit', class: 'primary', 'data-testid': 'vote-submit', disabled: closed },
              t('ws.vote.submit'),
            ),
            handlers.message
              ? h(
                  'p',
                  { class: handlers.message.error ? 'error' : 'ok', role: 'status' },
                  handlers.message.text,
                )
              : null,
          );
  return h(
    'div',
    { class: 'ws-vote' },
    h('p', null, t('ws.vote.intro')),
    form,
    voteTally(room.board.vote, titles),
  );
}

export interface ProposalHandlers {
  mergeTarget(proposalId: string): string;
  setMergeTarget(proposalId: string, into: string): void;
  accept(proposalId: string): void;
  decline(proposalId: string): void;
  merge(proposalId: string): void;
  /** an error of the last action on a proposal */
  errors: ReadonlyMap<string, string>;
}

/** Everyone sees the proposals and their states; the facilitator merges, accepts and declines. */
export function proposalList(
  room: RoomState,
  role: RoomRole,
  handlers: ProposalHandlers,
  names: Names,
): HTMLElement {
  if (room.proposals.length === 0) return h('p', { class: 'muted' }, t('ws.proposals.none'));
  const titles = new Map(room.proposals.map((p) => [p.id, p.title]));
  const open = room.workshop.state === 'open';
  // the api accepted them as scenario policies: said in words as the compare view says them
  const policies = (proposal: Proposal): string =>
    proposal.policies.map((p) => describePolicy(p as unknown as Policy, names, lang())).join(' / ');
  return h(
    'ul',
    { class: 'ws-proposals', 'data-proposals': String(room.proposals.length) },
    [...room.proposals].reverse().map((proposal) => {
      const actionable = role === 'facilitator' && open && proposal.state === 'proposed';
      const targets = room.proposals.filter(
        (p) => p.id !== proposal.id && (p.state === 'proposed' || p.state === 'accepted'),
      );
      const target = handlers.mergeTarget(proposal.id) || targets[0]?.id || '';
      return h(
        'li',
        {
          'data-testid': 'proposal',
          'data-proposal-id': proposal.id,
          'data-state': proposal.state,
          class: `ws-proposal state-${proposal.state}`,
        },
        h(
          'div',
          { class: 'ws-proposal-head' },
          h('strong', null, proposal.title),
          ' ',
          h('span', { class: 'ws-proposal-state' }, t(`ws.proposals.state.${proposal.state}` as MessageKey)),
          ' ',
          h('span', { class: 'muted small' }, t('ws.proposals.by', { name: proposal.author.name })),
        ),
        h('p', { class: 'ws-rationale' }, proposal.rationale),
        h('p', { class: 'ws-policies' }, policies(proposal)),
        proposal.mergedInto
          ? h(
              'p',
              { class: 'muted small' },
              t('ws.proposals.mergedInto', { title: titles.get(proposal.mergedInto) ?? proposal.mergedInto }),
            )
          : null,
        proposal.mergedFrom.length
          ? h('p', { class: 'muted small' }, t('ws.proposals.merged', { n: proposal.mergedFrom.length }))
          : null,
        actionable
          ? h(
              'div',
              { class: 'ws-proposal-actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  'data-testid': 'proposal-accept',
                  onclick: () => handlers.accept(proposal.id),
                },
                t('ws.proposals.accept'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  'data-testid': 'proposal-decline',
                  onclick: () => handlers.decline(proposal.id),
                },
                t('ws.proposals.decline'),
              ),
              targets.length
                ? h(
                    'span',
                    { class: 'ws-merge' },
                    h(
                      'label',
                      null,
                      h('span', null, t('ws.proposals.mergeInto')),
                      h(
                        'select',
                        {
                          'data-testid': 'proposal-merge-into',
                          onchange: (event: Event) =>
                            handlers.setMergeTarget(proposal.id, (event.target as HTMLSelectElement).value),
                        },
                        targets.map((p) => h('option', { value: p.id, selected: p.id === target }, p.title)),
                      ),
                    ),
                    h(
                      'button',
                      {
                        type: 'button',
                        'data-testid': 'proposal-merge',
                        onclick: () => handlers.merge(proposal.id),
                      },
                      t('ws.proposals.merge'),
                    ),
                  )
                : null,
            )
          : null,
        handlers.errors.get(proposal.id)
          ? h('p', { class: 'error', role: 'alert' }, handlers.errors.get(proposal.id))
          : null,
      );
    }),
  );
}
