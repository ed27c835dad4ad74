import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';

/**
 * Reads `.env` at the project root into `process.env` (Node's own dotenv parser, `util.parseEnv`); variables
 * already set in the environment win. Deploy scripts call it so `.env` is the one place for ids and key paths.
 */
export function loadDotEnv(file = path.resolve(__dirname, '..', '.env')): boolean {
  if (!fs.existsSync(file)) return false;
  const parsed = (util as unknown as { parseEnv: (s: string) => Record<string, string> }).parseEnv(fs.readFileSync(file, 'utf8'));
  for (const [k, v] of Object.entries(parsed)) process.env[k] ??= v;
  return true;
}
