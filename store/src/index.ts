// @caretwin/store: the SQLite store under DATA_DIR — opening, migrations, and the repositories
// both the api and the CLI use (tokens, audit log). Node only; never imported by libs/ or the
// dashboard. The api's Nest repositories (runs, saved scenarios) sit in apps/api/src/store.
export { migrate, openDatabase, STORE_FILE, type Db, type Statement } from './database';
export { MIGRATIONS, type Migration } from './migrations';
export {
  TOKEN_PREFIX,
  TOKEN_ROLES,
  TokenNameTakenError,
  TokensRepository,
  hashToken,
  type NewToken,
  type TokenCheck,
  type TokenInfo,
  type TokenRole,
} from './tokens';
export { AuditRepository, type AuditEntry, type NewAuditEntry } from './audit';
export {
  PRUNED_AGGREGATE_FIELDS,
  RetentionRepository,
  parseAge,
  retentionCutoff,
  storeBytes,
  storeFiles,
  type PruneOptions,
  type PruneResult,
} from './retention';
export { CensusRepository, type CensusFunction, type CensusRecord, type CensusStoreResult } from './census';
export { ForecastRepository, type ForecastRecord } from './forecasts';
export { SecretsRepository } from './secrets';
export {
  NO_CHANGE,
  PARTICIPANT_TOKEN_PREFIX,
  WorkshopsRepository,
  type ImportedRun,
  type NewWorkshop,
  type ParticipantCheck,
  type ParticipantRecord,
  type ProposalRecord,
  type VariantRecord,
  type VariantWithRun,
  type VoteRecord,
  type WorkshopImport,
  type WorkshopRecord,
} from './workshops';
