// The pure rules of planning workshops (issue 19, docs/workshops.md): lever bounds and the check
// of a proposal against them, the board's KPIs, its sentences and its vote, the export file and
// join codes. No Nest, Redis or DOM: the api (apps/api/src/workshops) and the tests call these.
export { formatIssuePath, type IssuePath, type ProposalIssue } from './issues';
export {
  LEVER_OF_POLICY,
  MAX_PROPOSAL_POLICIES,
  checkLevers,
  checkProposal,
  describeLever,
  leverBoundSchema,
  leverBoundsSchema,
  type BaselineFacts,
} from './levers';
export {
  BOARD_KPIS,
  BOARD_KPI_KEYS,
  HEADLINE_KPI_KEYS,
  boardComparison,
  boardKpiLabels,
  meaningful,
  significantKeys,
  type BoardKpi,
} from './kpis';
export { variantSentence, type Localized, type Namers } from './sentence';
export { MAX_RANKED, checkVote, tallyVotes } from './vote';
export { buildBoard, type BoardInput } from './board';
export { parseWorkshopExport, workshopExportSchema, type ParsedExport } from './export';
export {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  isJoinCode,
  newJoinCode,
  normalizeJoinCode,
} from './join-code';
