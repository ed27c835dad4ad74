import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { logger } from '../_lib/logger';
import { type SweepStats, sweepAutoVerify, sweepEscalations } from './sweep';

/** Stop starting new batches this long before the 60 s function timeout. */
const BUDGET_MS = 50_000;

/**
 * The escalation timer (every minute, config.json): escalates due tickets and auto-verifies reports.
 * Only the timer may run it; a client calling it directly is refused.
 */
export async function main(_event: unknown, _context?: unknown) {
  const source = cloud.getWXContext().SOURCE;
  if (source !== 'wx_trigger') return { code: LIB_ERRORS.WRONG_SOURCE, message: 'escalation runs only from its timer' };
  const started = Date.now();
  const at = now();
  const stats: SweepStats = {
    read: 0,
    escalated: 0,
    rescheduled: 0,
    lostRaces: 0,
    autoVerified: 0,
    notified: 0,
    batches: 0,
    timedOut: false,
  };
  try {
    await sweepEscalations(at, started + BUDGET_MS, stats);
    await sweepAutoVerify(at, started + BUDGET_MS, stats);
    logger.info('escalation sweep', { ...stats, ms: Date.now() - started });
    return { code: 0, data: stats };
  } catch (e) {
    logger.error('escalation sweep failed', { error: e, ...stats });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
