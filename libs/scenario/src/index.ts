// Public surface of @caretwin/scenario: the resolved types, the schemas, loading and
// validation of regions and scenarios, and the sandboxed demand expressions.

export * from './types';

export {
  ERROR_HTTP_STATUS,
  httpStatusOf,
  isScenarioValidationError,
  ScenarioValidationError,
  type ScenarioErrorBody,
  type ScenarioErrorCode,
  type ValidationIssue,
} from './errors/scenario-validation-error';
export { formatIssues, type FormatOptions } from './errors/format-issues';
export { closestMatch, editDistance } from './errors/did-you-mean';

export { parseText, type ParsedText, type ParseTextOptions } from './parse/safe-yaml';
export { SCENARIO_LIMITS, REGION_FILE_LIMITS, type ParseLimits } from './parse/limits';
export { formatPath, type LocatedDocument, type Path, type PathSegment } from './parse/located';

export { regionSchema, hospitalSchema, conditionSchema, eligibilitySchema } from './schema/region';
export { policySchema } from './schema/policies';
export { scenarioSchema, DEFAULT_REGION, DEFAULT_YEAR } from './schema/scenario';

export { loadRegion, type LoadRegionOptions } from './region/load-region';
export {
  INSTITUTION_CODE_PATTERN,
  deriveInstitutionCodes,
  institutionCheckDigit,
  institutionCode,
  institutionCodeProblem,
} from './region/institution-code';
export {
  DEFAULT_RESOURCE_POINT_THRESHOLDS,
  WARD_MIN_DAYS,
  dayFunction,
  phaseFunction,
  segmentOverlaps,
  wardFunction,
} from './region/bed-function';

export { parseScenarioText, type ScenarioInputOptions } from './scenario/parse-scenario';
export {
  ScenarioCatalog,
  type ScenarioCatalogOptions,
  type ScenarioEntry,
  type ScenarioListing,
} from './scenario/catalog';
export {
  InMemoryScenarioSource,
  type SavedScenario,
  type SavedScenarioInfo,
  type ScenarioSource,
} from './scenario/source';
export { validateScenario, type ValidationResult } from './scenario/validate';
export { bedsAfterPolicies, type BedsByArea } from './scenario/beds-after-policies';

export {
  compileExpression,
  ExpressionError,
  type CompiledExpression,
} from './expressions/compile-expression';
export { demandMultiplierByHour, type MultiplierSeries } from './expressions/multiplier-by-hour';
export {
  ALLOWED_FUNCTIONS,
  ALLOWED_SYMBOLS,
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_LENGTH,
} from './expressions/limits';

export { renderScenarioDocs } from './docs/render-docs';
