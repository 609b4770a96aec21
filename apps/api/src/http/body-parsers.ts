// Body parsing is ours, not Nest's default: JSON (FHIR JSON too), YAML or CSV text up to BODY_LIMIT_BYTES, and a
// parse failure answers in the one error body (400 unparseable, 413 too large) like any other.
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '@caretwin/config';
import { CENSUS_CSV_TYPE } from '../census/census-media';
import { mapError } from '../errors/error-mapping';
import { verifyJsonDepth } from './input-guards';

/** YAML bodies: application/yaml only (write-checks.ts answers 415 to text/plain and the rest). */
export const YAML_TYPES = ['application/yaml'];

/** The one route whose body may exceed BODY_LIMIT_BYTES (IMPORT_BODY_LIMIT_BYTES). */
export const IMPORT_PATH = '/api/workshops/import';

export function installBodyParsers(
  app: Express,
  limits: { bodyLimitBytes: number; importBodyLimitBytes: number },
  logger: Logger,
): void {
  const limitBytes = limits.bodyLimitBytes;
  // A workshop's export carries every run's result: its import alone may be larger. Parsed here
  // first, the general parser below leaves the body as it is.
  app.use(
    IMPORT_PATH,
    express.json({
      limit: limits.importBodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      verify: verifyJsonDepth,
    }),
  );
  // verifyJsonDepth scans the raw bytes first: V8 takes seconds to parse JSON nested 300,000 deep.
  app.use(
    express.json({
      limit: limitBytes,
      type: ['application/json', 'application/*+json'],
      verify: verifyJsonDepth,
    }),
  );
  app.use(express.text({ limit: limitBytes, type: YAML_TYPES }));
  // census reports as CSV (POST /api/census only: write-checks.ts answers 415 elsewhere)
  app.use(express.text({ limit: limitBytes, type: CENSUS_CSV_TYPE }));
  const onParseError: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const mapped = mapError(error);
    if (mapped.internal) logger.error({ err: error }, 'request body failed');
    res.status(mapped.status).json(mapped.body);
  };
  app.use(onParseError);
}
