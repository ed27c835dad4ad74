import { z } from 'zod';
import { Id, Text } from '../../shared/common';
import { lastMonthOf, Month } from '../../shared/periods';
import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { assessmentDetail, freezeMonth, monthResults, recompute, sheet, sheetWord, signoff } from './assessment.service';
import {
  clausesForZone,
  contractDetail,
  EventRequest,
  issueNotice,
  listContracts,
  NoticeRequest,
  recordEvent,
  SaveRequest,
  saveContract,
} from './contracts.service';
import { exportMonth } from './export';
import { listNotices, noticeDetail, noticeWord } from './notices.service';

const READERS = ['admin', 'leader', 'manager', 'inspector'] as const;
const OneContract = z.strictObject({ month: Month, contractId: Id });

/** Every action of the contracts function: schema, role gate, handler. */
export const ACTIONS = {
  list: action({ input: z.strictObject({}), roles: READERS, handler: ({ caller, now }) => listContracts(caller, now) }),
  get: action({
    input: z.strictObject({ contractId: Id }),
    roles: READERS,
    handler: ({ input, caller }) => contractDetail(input.contractId, caller),
  }),
  /** The clauses an inspector may cite on a zone (contracts in force covering it). */
  clauses: action({
    input: z.strictObject({ zoneId: Id }),
    roles: ['inspector', 'admin'],
    handler: ({ input, now }) => clausesForZone(input.zoneId, now),
  }),
  save: action({ input: SaveRequest, roles: ['admin'], handler: ({ input, caller, now }) => saveContract(input, caller, now) }),
  issueNotice: action({
    input: NoticeRequest,
    roles: ['inspector', 'manager', 'admin'],
    handler: ({ input, caller, now }) => issueNotice(input, caller, now),
  }),
  /** A contract's notices with where each stands (the contractor's managers see their own). */
  notices: action({
    input: z.strictObject({ contractId: Id }),
    roles: READERS,
    handler: ({ input, caller, now }) => listNotices(input.contractId, caller, now),
  }),
  /** One notice, by its id or by its ticket's: for readers of the contract and the staff member holding the ticket. */
  notice: action({
    input: z
      .strictObject({ noticeId: Id.optional(), ticketId: Id.optional() })
      .refine((r) => (r.noticeId === undefined) !== (r.ticketId === undefined), { message: 'give noticeId or ticketId' }),
    roles: [...READERS, 'staff'],
    handler: ({ input, caller, now }) => noticeDetail(input, caller, now),
  }),
  /** The notice as a Word document to print, sign and hand over. */
  noticeDocx: action({
    input: z.strictObject({ noticeId: Id }),
    roles: [...READERS, 'staff'],
    handler: ({ input, caller, now }) => noticeWord(input.noticeId, caller, now),
  }),
  recordEvent: action({
    input: EventRequest,
    roles: ['manager', 'admin'],
    handler: ({ input, caller, now }) => recordEvent(input, caller, now),
  }),
  /** Freezes a month that has ended (the timer does this on the 1st; an admin may do it earlier in the month after). */
  assess: action({
    input: z.strictObject({ month: Month }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => freezeMonth(input.month, now, caller.id, true),
  }),
  recompute: action({
    input: z.strictObject({ month: Month, reason: z.string().trim().min(4).max(200) }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => recompute(input.month, input.reason, caller, now),
  }),
  results: action({
    input: z.strictObject({ month: Month }),
    roles: ['admin', 'leader', 'manager'],
    handler: ({ input, caller }) => monthResults(input.month, caller),
  }),
  assessment: action({
    input: z.strictObject({ month: Month, contractId: Id, runId: Id.optional() }),
    roles: ['admin', 'leader', 'manager'],
    handler: ({ input, caller }) => assessmentDetail(input.month, input.contractId, caller, input.runId),
  }),
  /** Sign-off in WeChat: the supervising unit signs, the office approves; either may return it with a reason. */
  signoff: action({
    input: z
      .strictObject({ month: Month, contractId: Id, event: z.enum(['sign', 'approve', 'return']), note: Text(200).optional() })
      .refine((r) => r.event !== 'return' || r.note !== undefined, { message: 'a return needs a reason', path: ['note'] }),
    roles: ['admin', 'manager'],
    handler: ({ input, caller, now }) => signoff(input.month, input.contractId, input.event, input.note, caller, now),
  }),
  sheet: action({
    input: OneContract,
    roles: ['admin', 'leader', 'manager'],
    handler: ({ input, caller }) => sheet(input.month, input.contractId, caller),
  }),
  /** The sheet as a Word document, to print and sign from a phone. */
  sheetDocx: action({
    input: OneContract,
    roles: ['admin', 'leader', 'manager'],
    handler: ({ input, caller, now }) => sheetWord(input.month, input.contractId, caller, now),
  }),
  exportMonth: action({
    input: z.strictObject({ month: Month }),
    roles: ['admin', 'leader'],
    handler: ({ input, now }) => exportMonth(input.month, now),
  }),
} satisfies Record<string, AnyAction>;

const handle = createHandler('contracts', ACTIONS);

/** Client actions through the table; the monthly timer (config.json, 03:30 Shanghai on the 1st) freezes last month. */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  const at = now();
  try {
    const out = await freezeMonth(lastMonthOf(at), at);
    logger.info('monthly contract assessment', out);
    return { code: 0, data: out };
  } catch (e) {
    logger.error('monthly contract assessment failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
