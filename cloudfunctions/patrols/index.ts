import { z } from 'zod';
import { Id, SceneId, Text } from '../../shared/common';
import type { PatrolsContract } from '../../shared/contract/patrols.contract';
import { PlanFields, PlanStatus } from '../../shared/patrols';
import { Day, isoWeekOf, Period, Week } from '../../shared/periods';
import { shanghaiDate } from '../../shared/time/shanghai';
import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { checkCoverageWeek } from './coverage.check';
import { coverageReport, saveTerms } from './coverage.service';
import { MAX_CREATE_PER_RUN, runTimer } from './occurrences.timer';
import { getPlan, listPlans, planOptions, previewSample, savePlan, setPlanStatus } from './plans.service';
import { excuse, myToday, register, visitLog } from './reads.service';
import { endVisit, getVisit, linkFinding, startVisit } from './visits.service';
import { confirmNote, noteFinding, pendingNotes } from './volunteers.service';

/** An occurrence id is its (plan, zone, slot[, assignee]) key. */
export const OccurrenceId = z.string().regex(/^[A-Za-z0-9_~-]{1,240}$/, 'invalid occurrence id');

/** Who may plan: admins, inspectors of either level, and centre leads (managers); the service checks the level. */
const PLANNERS = ['admin', 'inspector', 'manager'] as const;
/** Who reads coverage and the register. */
const READERS = ['admin', 'leader', 'inspector', 'manager'] as const;

export const ACTIONS = {
  savePlan: action({
    input: z.strictObject({ planId: Id.optional(), version: z.number().int().min(1).optional(), fields: PlanFields }),
    roles: PLANNERS,
    handler: ({ input, caller, now }) => savePlan(input, caller, now),
  }),
  setPlanStatus: action({
    input: z.strictObject({ planId: Id, status: PlanStatus.exclude(['draft']), version: z.number().int().min(1) }),
    roles: PLANNERS,
    handler: ({ input, caller, now }) => setPlanStatus(input, caller, now),
  }),
  planOptions: action({ input: z.strictObject({}), roles: PLANNERS, handler: ({ caller }) => planOptions(caller) }),
  listPlans: action({ input: z.strictObject({}), roles: PLANNERS, handler: ({ caller }) => listPlans(caller) }),
  getPlan: action({
    input: z.strictObject({ planId: Id }),
    roles: PLANNERS,
    handler: async ({ input }) => ({ plan: await getPlan(input.planId) }),
  }),
  /** Replays a sample draw with a seed (reproducible): the zones it chooses and the weights it used. */
  previewSample: action({
    input: z.strictObject({ planId: Id, period: Period, seed: z.string().min(1).max(64).optional() }),
    roles: PLANNERS,
    handler: ({ input, caller }) => previewSample(input, caller),
  }),
  myToday: action({ input: z.strictObject({}), handler: ({ caller, now }) => myToday(caller, now) }),
  startVisit: action({
    input: z.strictObject({ sceneId: SceneId, occurrenceId: OccurrenceId.optional() }),
    handler: ({ input, caller, now }) => startVisit(input, caller, now),
  }),
  getVisit: action({ input: z.strictObject({ visitId: Id }), handler: ({ input, caller }) => getVisit(input.visitId, caller) }),
  endVisit: action({
    input: z.strictObject({
      visitId: Id,
      results: z.record(z.string().regex(/^[a-z0-9-]{1,24}$/), z.enum(['pass', 'fail', 'na'])),
      note: Text(500).optional(),
    }),
    handler: ({ input, caller, now }) => endVisit(input, caller, now),
  }),
  linkFinding: action({
    input: z.strictObject({ visitId: Id, ticketId: Id }),
    roles: ['inspector'],
    handler: ({ input, caller }) => linkFinding(input, caller),
  }),
  /** A volunteer's observation, waiting for an inspector to confirm it. */
  noteFinding: action({
    input: z.strictObject({ visitId: Id, text: Text(300) }),
    roles: ['volunteer'],
    handler: ({ input, caller, now }) => noteFinding(input, caller, now),
  }),
  pendingNotes: action({ input: z.strictObject({}), roles: ['inspector'], handler: ({ caller }) => pendingNotes(caller) }),
  confirmNote: action({
    input: z
      .strictObject({
        visitId: Id,
        index: z.number().int().min(0).max(19),
        decision: z.enum(['confirm', 'dismiss']),
        ticketId: Id.optional(),
      })
      .refine((r) => r.decision === 'dismiss' || r.ticketId !== undefined, {
        message: 'a confirmation names the finding filed',
        path: ['ticketId'],
      }),
    roles: ['inspector'],
    handler: ({ input, caller }) => confirmNote(input, caller),
  }),
  excuse: action({
    input: z.strictObject({ occurrenceId: OccurrenceId, reason: Text(200) }),
    roles: ['admin', 'inspector', 'manager'],
    handler: ({ input, caller, now }) => excuse(input, caller, now),
  }),
  register: action({
    input: z.strictObject({ from: Day, to: Day, unitId: Id.optional(), offset: z.number().int().min(0).max(10_000).default(0) }),
    roles: READERS,
    handler: ({ input, caller }) => register(input, caller),
  }),
  visits: action({
    input: z.strictObject({ zoneId: Id.optional(), unitId: Id.optional(), from: Day, to: Day }),
    roles: READERS,
    handler: ({ input, caller }) => visitLog(input, caller),
  }),
  coverage: action({
    input: z.strictObject({
      from: Day,
      to: Day,
      unitId: Id.optional(),
      campusId: Id.optional(),
      staleDays: z.number().int().min(1).max(120).default(14),
      offset: z.number().int().min(0).max(100_000).default(0),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    roles: READERS,
    handler: ({ input, caller, now }) => coverageReport(input, caller, now),
  }),
  /** The terms (学期) whose coverage is kept in one document per unit (admins). */
  saveTerms: action({
    input: z.strictObject({
      terms: z.array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/), name: Text(30), from: Day, to: Day })).max(20),
    }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => saveTerms(input, caller, now),
  }),
  /** Runs the occurrence timer on demand (admins; the hourly trigger does the same). */
  runTimer: action({
    input: z.strictObject({ maxCreate: z.number().int().min(1).max(MAX_CREATE_PER_RUN).optional() }),
    roles: ['admin'],
    handler: ({ input, now }) => runTimer(now, input.maxCreate),
  }),
  /** Checks (and by default repairs) one ISO week's coverage rollups against the visits (admins; the timer does yesterday's week nightly). */
  checkCoverage: action({
    input: z.strictObject({ week: Week, repair: z.boolean().default(true) }),
    roles: ['admin'],
    handler: ({ input, now }) => checkCoverageWeek(input.week, now, input.repair),
  }),
} satisfies Record<string, AnyAction>;

/** The Shanghai hour at which the hourly timer also checks the coverage rollups of yesterday's week. */
export const CHECK_HOUR = 2;

export type PatrolsAction = keyof typeof ACTIONS;

// Every action has a row in shared/contract/patrols.contract.ts and every row an action (checked by the compiler).
type Unmatched = Exclude<keyof PatrolsContract, PatrolsAction> | Exclude<PatrolsAction, keyof PatrolsContract>;
export const CONTRACT_MATCHES: [Unmatched] extends [never] ? true : Unmatched = true;

const handle = createHandler('patrols', ACTIONS);

/**
 * Client actions through the table; the hourly timer (config.json) sweeps due occurrences and creates the
 * next ones ahead, idempotently, capped per run (its report says when the cap stopped it).
 */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  try {
    const at = now();
    const report = await runTimer(at);
    logger.info('patrol timer', { ...report });
    // Once a night (the 02:05 run), the coverage rollups of yesterday's ISO week are checked and repaired.
    // A second run the same night finds nothing left to repair (the repair is conditional on each document's rev).
    const local = new Date(at.getTime() + 8 * 3_600_000);
    if (local.getUTCHours() === CHECK_HOUR) {
      const check = await checkCoverageWeek(isoWeekOf(shanghaiDate(new Date(at.getTime() - 86_400_000))), at);
      logger.info('coverage check', { week: check.week, drifted: check.drifted.length, busy: check.busy.length });
      return { code: 0, data: { ...report, coverageCheck: check } };
    }
    return { code: 0, data: report };
  } catch (e) {
    logger.error('patrol timer failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
