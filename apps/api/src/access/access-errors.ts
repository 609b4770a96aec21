// 401 and 403 in the one error body. 401: no, wrong, expired or revoked token; 403: the token's
// role may not do this, or a browser write / socket from an origin not allowed.
import { ApiError } from '../errors/api-error';

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(
    type: string | undefined,
    accepted: readonly string[] = ['application/json', 'application/yaml'],
  ) {
    super(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `${type ? `Content-Type ${type.slice(0, 100)} is` : 'a body without a Content-Type is'} not accepted: send ${accepted.slice(0, -1).join(', ')} or ${accepted[accepted.length - 1]}`,
    );
  }
}
