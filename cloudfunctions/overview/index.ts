import { z } from 'zod';
import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { summary } from './summary';
import { syncRollups } from './sync';

/** Stop starting new tickets this long before the 60 s function timeout. */
const BUDGET_MS = 50_000;

/**
 * The leaders' overview: `summary` reads the ticket and satisfaction rollups; the timer (every five minutes,
 * config.json) adds ticket changes to the ticket rollups exactly once, and an admin may run it at once (`sync`).
 */
export const ACTIONS = {
  summary: action({ input: z.strictObject({}), roles: ['leader', 'admin'], handler: ({ now }) => summary(now) }),
  sync: action({ input: z.strictObject({}), roles: ['admin'], handler: ({ now }) => syncRollups(now, Date.now() + BUDGET_MS) }),
} satisfies Record<string, AnyAction>;

const handle = createHandler('overview', ACTIONS);

export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  const started = Date.now();
  try {
    const stats = await syncRollups(now(), started + BUDGET_MS);
    logger.info('ticket rollup sync', { ...stats, ms: Date.now() - started });
    return { code: 0, data: stats };
  } catch (e) {
    logger.error('ticket rollup sync failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
