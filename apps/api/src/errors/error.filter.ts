import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { ApiError } from './api-error';
import { mapError } from './error-mapping';

/** Every error leaves the api in the one body; our own faults are logged, never leaked. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const mapped = mapError(exception);
    if (mapped.internal) this.logger.error({ err: exception }, 'request failed');
    if (response.headersSent) return;
    if (exception instanceof ApiError) response.set(exception.headers);
    response.status(mapped.status).json(mapped.body);
  }
}
