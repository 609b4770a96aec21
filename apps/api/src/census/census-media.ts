// The bodies POST /api/census takes: CSV text, or FHIR JSON (application/json accepted as FHIR
// too). Used by the body parsers and the 415 check (apps/api/src/http): other routes refuse them.
export const CENSUS_PATH = '/api/census';
export const CENSUS_CSV_TYPE = 'text/csv';
export const CENSUS_FHIR_TYPES = ['application/fhir+json', 'application/json'];
export const CENSUS_BODY_TYPES = [CENSUS_CSV_TYPE, ...CENSUS_FHIR_TYPES];
