/** Injection tokens for values built before Nest starts (config, logger, the opened database). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const OPENED_DATABASE = Symbol('OPENED_DATABASE');
