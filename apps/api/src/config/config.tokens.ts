// Injection tokens for what the boot sequence parsed once: the settings and the logger.
export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_LOGGER = Symbol('APP_LOGGER');
