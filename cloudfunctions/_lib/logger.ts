/**
 * The project logger: one JSON object per line, info to stdout and warnings/errors to stderr, which is what
 * CloudBase's log service indexes. Function code never uses console.* (Biome enforces it).
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const write = (level: Level, msg: string, fields: Record<string, unknown>): void => {
  const line = `${JSON.stringify({ level, at: new Date().toISOString(), msg, ...fields }, replacer)}\n`;
  if (level === 'warn' || level === 'error') process.stderr.write(line);
  else if (process.env.XUNCHA_LOG_QUIET !== '1') process.stdout.write(line);
};

// Errors do not serialise their message or stack by default; logs keep both (clients never see them).
const replacer = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

export const logger = {
  debug: (msg: string, fields: Record<string, unknown> = {}) => write('debug', msg, fields),
  info: (msg: string, fields: Record<string, unknown> = {}) => write('info', msg, fields),
  warn: (msg: string, fields: Record<string, unknown> = {}) => write('warn', msg, fields),
  error: (msg: string, fields: Record<string, unknown> = {}) => write('error', msg, fields),
};
export type Logger = typeof logger;
