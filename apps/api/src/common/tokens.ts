/** Injection tokens for values built before Nest starts (config, logger, the opened database). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const OPENED_DATABASE = Symbol('OPENED_DATABASE');
/** This api node's name as the owner of the live sessions it runs (cluster/node-identity.ts). */
export const NODE_NAME = Symbol('NODE_NAME');
