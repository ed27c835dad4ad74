import { z } from 'zod';
import { SUBJECT_TYPES } from '../../shared/accountability';
import { Id } from '../../shared/common';
import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import {
  CaseListRequest,
  CloseRequest,
  closeCase,
  counters,
  DecideRequest,
  decideCase,
  getCase,
  listCases,
  sweepAccountability,
} from './accountability.service';
import { SaveSettingsRequest, saveSettings, settingsView } from './settings';
import {
  AgendaDecideRequest,
  AgendaListRequest,
  actOnItem,
  decideAgenda,
  escalateOverdue,
  fillAgenda,
  ItemActRequest,
  ItemFields,
  ItemListRequest,
  issueItem,
  itemDetail,
  itemUnits,
  listAgenda,
  listItems,
} from './supervision.service';

const OVERSIGHT = ['leader', 'admin'] as const;

/** Every action of the supervision function: schema, role gate, handler. */
export const ACTIONS = {
  // Accountability (问责): counters, cases proposed by the nightly sweep, a leader's decision and the action taken.
  counters: action({
    input: z.strictObject({ subjectType: z.enum(SUBJECT_TYPES) }),
    roles: [...OVERSIGHT, 'inspector'],
    handler: ({ input, now }) => counters(input.subjectType, now),
  }),
  cases: action({ input: CaseListRequest, roles: OVERSIGHT, handler: ({ input }) => listCases(input) }),
  case: action({ input: z.strictObject({ caseId: Id }), roles: OVERSIGHT, handler: ({ input }) => getCase(input.caseId) }),
  decideCase: action({ input: DecideRequest, roles: OVERSIGHT, handler: ({ input, caller, now }) => decideCase(input, caller, now) }),
  closeCase: action({ input: CloseRequest, roles: OVERSIGHT, handler: ({ input, caller, now }) => closeCase(input, caller, now) }),
  /** Runs the nightly sweep now (an admin after changing the threshold). */
  sweep: action({ input: z.strictObject({}), roles: ['admin'], handler: ({ now }) => nightly(now) }),

  // Supervision (督办).
  /** The accountability settings (threshold, window, agenda delay, amber mark) and whether the caller may edit them. */
  settings: action({ input: z.strictObject({}), roles: OVERSIGHT, handler: ({ caller }) => settingsView(caller) }),
  saveSettings: action({
    input: SaveSettingsRequest,
    roles: ['admin'],
    handler: ({ input, caller, now }) => saveSettings(input, now, caller.id),
  }),
  /** The units the issue form offers as lead and assisting units. */
  units: action({ input: z.strictObject({}), roles: OVERSIGHT, handler: () => itemUnits() }),
  issueItem: action({ input: ItemFields, roles: OVERSIGHT, handler: ({ input, caller, now }) => issueItem(input, caller, now) }),
  items: action({
    input: ItemListRequest,
    roles: [...OVERSIGHT, 'manager'],
    handler: ({ input, caller, now }) => listItems(input.scope, caller, now),
  }),
  item: action({
    input: z.strictObject({ itemId: Id }),
    roles: [...OVERSIGHT, 'manager'],
    handler: ({ input, caller, now }) => itemDetail(input.itemId, caller, now),
  }),
  actOnItem: action({
    input: ItemActRequest,
    roles: [...OVERSIGHT, 'manager'],
    handler: ({ input, caller, now }) => actOnItem(input, caller, now),
  }),

  // The decision agenda.
  agenda: action({ input: AgendaListRequest, roles: OVERSIGHT, handler: ({ input }) => listAgenda(input.state) }),
  decideAgenda: action({
    input: AgendaDecideRequest,
    roles: OVERSIGHT,
    handler: ({ input, caller, now }) => decideAgenda(input, caller, now),
  }),
} satisfies Record<string, AnyAction>;

/**
 * The nightly work, each part idempotent: strikes have deterministic ids, cases and agenda items unique keys,
 * and an escalation is conditional on the item not being marked yet — so a timer firing twice changes nothing.
 */
async function nightly(at: Date) {
  const accountability = await sweepAccountability(at);
  const escalated = await escalateOverdue(at);
  const agenda = await fillAgenda(at);
  return { ...accountability, escalated, agenda };
}

const handle = createHandler('supervision', ACTIONS);

/** Client actions through the table; the nightly timer (config.json, 02:30 Shanghai) runs `nightly`. */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  try {
    const out = await nightly(now());
    logger.info('supervision nightly', out);
    return { code: 0, data: out };
  } catch (e) {
    logger.error('supervision nightly failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
