import { z } from 'zod';
import { Id } from '../../shared/common';
import { Day, Month } from '../../shared/periods';
import {
  CreateFindingRequest,
  CreateReportRequest,
  RatingOnlyRequest,
  TICKET_ACTION_REQUESTS,
  type TicketAction,
  TicketState,
} from '../../shared/tickets';
import type { GlobalRole } from '../_lib/caller';
import { type AnyAction, action, createHandler, type TypedAction } from '../_lib/handler';
import { Cursor } from '../_lib/page';
import {
  all,
  awaitingMyVerification,
  boardCounts,
  detail,
  myDone,
  myFindings,
  myReports,
  myTasks,
  taskCounts,
  unitBoard,
} from './reads.service';
import { createFeedback, createFinding, createReport } from './report.service';
import { releaseHeld, runTransition, type TransitionResult } from './transition.service';

/**
 * The role gate per action on an existing ticket. It only keeps out callers who could never qualify; the
 * state machine then decides with the caller's relation to that ticket (assignee, manager of its unit,
 * inspector in scope, its reporter).
 */
const TRANSITION_GATES: { [A in TicketAction]: readonly GlobalRole[] | undefined } = {
  assign: ['manager', 'admin'],
  accept: ['staff', 'manager'],
  pause: ['staff', 'manager'],
  resume: ['staff', 'manager'],
  rectify: ['staff', 'manager'],
  verify: undefined, // a report's reporter may be anyone; a finding's verifier is an inspector in scope
  reassign: ['manager', 'inspector', 'admin'],
  cancel: ['manager', 'inspector', 'admin'], // a finding: the inspector who filed it or the office
  requestCoordination: ['staff', 'manager'],
  decideCoordination: ['inspector', 'admin'],
  reopen: ['inspector', 'admin'],
  changeSeverity: ['inspector', 'admin'],
};

const transitionRow = <A extends TicketAction>(name: A): TypedAction<(typeof TICKET_ACTION_REQUESTS)[A], TransitionResult> =>
  action({
    input: TICKET_ACTION_REQUESTS[name] as z.ZodType,
    roles: TRANSITION_GATES[name],
    handler: ({ input, caller, now }) => runTransition(name, input as never, caller, now),
  }) as unknown as TypedAction<(typeof TICKET_ACTION_REQUESTS)[A], TransitionResult>;

const ListRequest = z.strictObject({ cursor: Cursor.optional() });
const BoardRequest = z.strictObject({
  cursor: Cursor.optional(),
  unitId: Id.optional(),
  state: TicketState.optional(),
  /** 待审核 (held) or 超时 (overdue) instead of a state. */
  view: z.enum(['held', 'unassigned', 'overdue']).optional(),
});

/** Every action of the tickets function: schema, role gate, handler. */
export const ACTIONS = {
  createReport: action({
    input: z.union([CreateReportRequest, RatingOnlyRequest]),
    identityOnly: true,
    handler: ({ input, caller, now }) => ('text' in input ? createReport(input, caller, now) : createFeedback(input, caller, now)),
  }),
  createFinding: action({
    input: CreateFindingRequest,
    roles: ['inspector'],
    handler: ({ input, caller, now }) => createFinding(input, caller, now),
  }),
  assign: transitionRow('assign'),
  accept: transitionRow('accept'),
  pause: transitionRow('pause'),
  resume: transitionRow('resume'),
  rectify: transitionRow('rectify'),
  verify: transitionRow('verify'),
  reassign: transitionRow('reassign'),
  cancel: transitionRow('cancel'),
  requestCoordination: transitionRow('requestCoordination'),
  decideCoordination: transitionRow('decideCoordination'),
  reopen: transitionRow('reopen'),
  changeSeverity: transitionRow('changeSeverity'),
  releaseHeld: action({
    input: z.strictObject({ ticketId: Id }),
    roles: ['manager', 'admin'],
    handler: ({ input, caller, now }) => releaseHeld(input.ticketId, caller, now),
  }),
  myReports: action({ input: ListRequest, handler: ({ input, caller }) => myReports(caller, input.cursor) }),
  myTasks: action({ input: ListRequest, roles: ['staff', 'manager'], handler: ({ input, caller }) => myTasks(caller, input.cursor) }),
  unitBoard: action({ input: BoardRequest, roles: ['manager'], handler: ({ input, caller, now }) => unitBoard(caller, input, now) }),
  boardCounts: action({
    input: z.strictObject({ unitId: Id.optional() }),
    roles: ['manager'],
    handler: ({ input, caller, now }) => boardCounts(caller, input, now),
  }),
  taskCounts: action({ input: z.strictObject({}), roles: ['staff', 'manager'], handler: ({ caller, now }) => taskCounts(caller, now) }),
  myDone: action({ input: ListRequest, roles: ['staff', 'manager'], handler: ({ input, caller }) => myDone(caller, input.cursor) }),
  myFindings: action({ input: ListRequest, roles: ['inspector'], handler: ({ input, caller }) => myFindings(caller, input.cursor) }),
  awaitingMyVerification: action({
    input: ListRequest,
    roles: ['inspector'],
    handler: ({ input, caller }) => awaitingMyVerification(caller, input.cursor),
  }),
  all: action({
    input: BoardRequest.extend({
      zoneId: Id.optional(),
      view: z.enum(['open', 'overdue', 'found', 'held']).optional(),
      month: Month.optional(),
      from: Day.optional(),
      to: Day.optional(),
    }),
    roles: ['admin', 'leader'],
    handler: ({ input, caller, now }) => all(caller, input, now),
  }),
  detail: action({ input: z.strictObject({ ticketId: Id }), handler: ({ input, caller }) => detail(caller, input.ticketId) }),
} satisfies Record<string, AnyAction>;

export type TicketsAction = keyof typeof ACTIONS;

export const main = createHandler('tickets', ACTIONS);
