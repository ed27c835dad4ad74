/**
 * Imported first by crash tests: the local cloud aborts a transaction left open by a killed process after this
 * long (CloudBase's own limit is tens of seconds; the engine reads the variable when it loads).
 */
process.env.LOCAL_CLOUD_TX_TTL_MS = '3000';
