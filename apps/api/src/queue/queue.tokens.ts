/** The api's own ioredis client: readiness, cancel flags. */
export const API_REDIS = Symbol('API_REDIS');
