// Before any body is parsed: a write (POST/PUT/PATCH/DELETE) from a browser page of another
// origin is refused (403 FORBIDDEN) unless ALLOWED_ORIGINS lists it, and a body that is neither
// application/json nor application/yaml is refused (415). Together they keep a foreign web page
// from making a visitor's browser write: such a page can send text/plain or a form without a
// CORS preflight, but not application/json or application/yaml.
import type { Express, NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnsupportedMediaTypeError } from '../access/access-errors';
import { originAllowed } from '../access/access.service';
import { WRITE_METHODS } from '../access/access.guard';
import { CENSUS_BODY_TYPES, CENSUS_PATH } from '../census/census-media';

export const BODY_TYPES = ['application/json', 'application/yaml'];

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

export function installWriteChecks(app: Express, allowedOrigins: readonly string[]): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!WRITE_METHODS.has(req.method) || req.path.startsWith('/socket.io')) return next();
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, req.headers.host, allowedOrigins)) {
      const error = new ForbiddenError(
        `writes from origin ${origin.slice(0, 200)} are refused: it is not this api's origin and not in ALLOWED_ORIGINS`,
      );
      return void res.status(error.status).json(error.body);
    }
    // POST /api/census takes CSV and FHIR JSON (census-media.ts), every other write JSON or YAML
    const accepted = req.path === CENSUS_PATH ? CENSUS_BODY_TYPES : BODY_TYPES;
    if (hasBody(req) && !req.is(accepted)) {
      const error = new UnsupportedMediaTypeError(req.headers['content-type'], accepted);
      return void res.status(error.status).json(error.body);
    }
    next();
  });
}
