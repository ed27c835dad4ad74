import { z } from 'zod';
import { Id } from '../../shared/common';
import { Day, Month, Period, yesterdayOf } from '../../shared/periods';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { now } from '../_lib/now';
import { rankingOptions, staffRanking, unitRanking, zoneRanking } from './ranking.service';
import { checkDay } from './rollup-check';

/** Who may read rankings: leaders, admins, managers and inspectors (staff rankings are narrower, see the service). */
const READERS = ['leader', 'admin', 'manager', 'inspector'] as const;

/** Optional paging of a ranking: pages of `limit` rows, `cursor` from the previous page's `nextCursor`. */
const Paging = {
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a cursor from a previous page')
    .optional(),
  limit: z.number().int().min(1).max(100).optional(),
};

export const ACTIONS = {
  unitRanking: action({
    input: z.strictObject({
      period: Period,
      by: z.enum(['satisfaction', 'score']).default('satisfaction'),
      campusId: Id.optional(),
      centreId: Id.optional(),
      ...Paging,
    }),
    roles: READERS,
    handler: ({ input }) => unitRanking(input),
  }),
  zoneRanking: action({
    input: z.strictObject({ period: Period, unitId: Id.optional(), centreId: Id.optional(), campusId: Id.optional(), ...Paging }),
    roles: READERS,
    handler: ({ input, caller }) => zoneRanking(caller, input),
  }),
  staffRanking: action({
    input: z.strictObject({ period: Month, unitId: Id, ...Paging }),
    roles: ['manager', 'admin'],
    handler: ({ input, caller }) => staffRanking(caller, input),
  }),
  /** The ranking page's filters: scored months, campuses, centres, and the units whose staff ranking the caller manages. */
  rankingOptions: action({ input: z.strictObject({}), roles: READERS, handler: ({ caller }) => rankingOptions(caller) }),
  /** Runs the rollup check for any day on demand (the timer does yesterday). */
  checkRollups: action({
    input: z.strictObject({ day: Day, repair: z.boolean().default(true) }),
    roles: ['admin'],
    handler: ({ input, now }) => checkDay(input.day, now, input.repair),
  }),
} satisfies Record<string, AnyAction>;

const handle = createHandler('stats', ACTIONS);

/**
 * Client actions (rankings) through the action table; the nightly timer (config.json, 02:30 Shanghai)
 * recomputes yesterday's satisfaction from the source records and reports and repairs any drift.
 */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  const at = now();
  try {
    const report = await checkDay(yesterdayOf(at), at);
    logger.info('rollup check', { day: report.day, records: report.records, units: report.units, drifted: report.drifted.length });
    return { code: 0, data: report };
  } catch (e) {
    logger.error('rollup check failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
