// Injection tokens for what the boot sequence parsed once: the settings and the logger.
export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_LOGGER = Symbol('APP_LOGGER');
/** ioredis client for the worker's own keys (cancel flags), apart from BullMQ's connections. */
export const WORKER_REDIS = Symbol('WORKER_REDIS');
