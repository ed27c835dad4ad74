import { z } from 'zod';
import { Id } from '../../shared/common';
import { lastMonthOf, Month } from '../../shared/periods';
import { ScoringRules } from '../../shared/scoring';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { now } from '../_lib/now';
import { oversees } from '../_lib/refdata';
import { assessmentWorkbook } from './assessment';
import { freezeMonth, publishRules, recompute, result, ruleVersions } from './score.service';
import { unitScore } from './unit-score';

/** Leaders and admins see every unit's score; a manager sees the units they oversee. */
async function visibleUnits(caller: CallerContext): Promise<Set<string> | 'all'> {
  if (isAdmin(caller) || caller.globalRoles.has('leader')) return 'all';
  return new Set((await Promise.all(unitsWhere(caller, 'manager').map(oversees))).flat());
}

export const ACTIONS = {
  /** A month's frozen scores with their breakdowns (current run, or an earlier one by id). */
  result: action({
    input: z.strictObject({ period: Month, runId: Id.optional(), lines: z.boolean().default(true) }),
    roles: ['leader', 'admin', 'manager'],
    handler: async ({ input, caller }) => result(input.period, input.runId, await visibleUnits(caller), input.lines),
  }),
  /** One unit's score of a month, every line with the tickets behind it, its rank, runs and previous month. */
  unitScore: action({
    input: z.strictObject({ period: Month, unitId: Id, runId: Id.optional() }),
    roles: ['leader', 'admin', 'manager'],
    handler: async ({ input, caller }) => unitScore(input, await visibleUnits(caller)),
  }),
  recompute: action({
    input: z.strictObject({ period: Month, reason: z.string().trim().min(4).max(200) }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => recompute(input.period, input.reason, caller, now),
  }),
  rules: action({ input: z.strictObject({}), roles: ['leader', 'admin', 'manager'], handler: () => ruleVersions() }),
  publishRules: action({
    input: z.strictObject({ rules: ScoringRules }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => publishRules(input.rules, caller, now),
  }),
  assessmentExport: action({
    input: z.strictObject({ period: Month }),
    roles: ['admin', 'leader'],
    handler: ({ input, now }) => assessmentWorkbook(input.period, now),
  }),
} satisfies Record<string, AnyAction>;

const handle = createHandler('scoring', ACTIONS);

/** Client actions through the table; the monthly timer (config.json, 03:00 Shanghai on the 1st) freezes last month. */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  const at = now();
  try {
    const out = await freezeMonth(lastMonthOf(at), at);
    logger.info('monthly scoring', out);
    return { code: 0, data: out };
  } catch (e) {
    logger.error('monthly scoring failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
