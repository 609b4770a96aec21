// Body parsing is ours, not Nest's default: JSON (FHIR JSON too), YAML or CSV text up to BODY_LIMIT_BYTES, and a
// parse failure answers in the one error body (400 unparseable, 413 too large) like any other.
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '@caretwin/config';
import { CENSUS_CSV_TYPE } from '../census/census-media';
import { mapError } from '../errors/error-mapping';
import { verifyJsonDepth } from './input-guards';

/** YAML bodies: application/yaml only (write-checks.ts answers 415 to text/plain and the rest). */
export const YAML_TYPES = ['application/yaml'];

export function installBodyParsers(app: Express, limitBytes: number, logger: Logger): void {
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
