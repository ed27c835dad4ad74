import type { Severity } from '../common/severity.schema';
import { startClock } from '../deadlines/clock';
import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../deadlines/deadline.rules';
import type { Category } from '../org/category.schema';
import type { Zone } from '../org/zone.schema';
import { assessRepeat, type RepeatCandidate } from './repeat.rules';
import { type TransitionEnv, transition } from './ticket.machine';
import { SYSTEM_ACTOR } from './ticket.roles';
import type { Ticket, TicketKind } from './ticket.schema';

/** Who opened the ticket: a reporter (by openid) or an inspector (by person id). */
export type Opener = { source: 'report'; openid: string } | { source: 'finding'; inspectorId: string };

/** Everything needed to open a ticket; ids, number and time come from the caller. */
export interface OpenTicketInput {
  _id: string;
  no: string;
  requestId: string | null;
  opener: Opener;
  kind: TicketKind;
  zone: Zone;
  category: Category;
  /** Defaults to the category's severity. */
  severity?: Severity;
  description: string;
  photos: string[];
  rating?: number;
  checklistItem?: string;
  /** Earlier tickets of this zone and category (the caller's bounded query); used for repeat offences. */
  earlier: readonly RepeatCandidate[];
  /**
   * Who gets the problem: defaults to the zone's primary responsible person (the caller decides duty and
   * fallbacks); `null` holds the ticket unassigned in `reported` (a report the content check sent to review).
   */
  assigneeId?: string | null;
  /** The fixed asset the problem is about (a damaged or missing asset), if any. */
  assetId?: string;
}

/** Settings for opening a ticket on top of what every transition needs. */
export interface OpenTicketEnv extends Omit<TransitionEnv, 'hours'> {
  repeatWindowDays?: number;
}

/**
 * Opens a ticket at `now`: a problem starts its deadline clock and is assigned by the system to the zone's
 * primary responsible person; a positive example is recorded and closed at once.
 */
export function openTicket(input: OpenTicketInput, now: Date, env: OpenTicketEnv = {}): Ticket {
  const { zone, category, opener, kind } = input;
  const problem = kind === 'problem';
  const assessed = problem
    ? assessRepeat(
        { zoneId: zone._id, categoryCode: category.code, severity: input.severity ?? category.defaultSeverity },
        input.earlier,
        now,
        env.repeatWindowDays,
      )
    : { repeat: null, severity: input.severity ?? category.defaultSeverity };
  const rules = env.deadlineRules ?? DEFAULT_DEADLINE_RULES;
  const clock = problem ? startClock(resolveDeadlineRule(rules, category.deadlineRuleId, assessed.severity), zone.serviceHours, now) : null;
  const reported: Ticket = {
    _id: input._id,
    no: input.no,
    requestId: input.requestId,
    source: opener.source,
    kind,
    zoneId: zone._id,
    zonePath: [...zone.path, zone._id],
    unitId: zone.unitId,
    categoryCode: category.code,
    severity: assessed.severity,
    description: input.description,
    photos: input.photos,
    checklistItem: input.checklistItem ?? null,
    rating: input.rating ?? null,
    reporterOpenid: opener.source === 'report' ? opener.openid : null,
    inspectorId: opener.source === 'finding' ? opener.inspectorId : null,
    followers: [],
    assigneeId: null,
    state: 'reported',
    deadlineRuleId: problem ? category.deadlineRuleId : null,
    clock,
    dueAt: null,
    rectification: null,
    autoVerifyAt: null,
    verifyRating: null,
    cancelReason: null,
    rework: 0,
    repeat: assessed.repeat,
    notRectified: false,
    history: [
      {
        at: now,
        actorId: opener.source === 'report' ? opener.openid : opener.inspectorId,
        role: opener.source === 'report' ? 'reporter' : 'inspectorInScope',
        event: 'create',
        from: null,
        to: 'reported',
      },
    ],
    version: 0,
    createdAt: now,
    updatedAt: now,
    nextCheckAt: null,
    escalationLevelsFired: [],
    ...(input.assetId ? { assetId: input.assetId } : {}),
  };
  const txEnv: TransitionEnv = { ...env, hours: zone.serviceHours };
  if (!problem) return transition(reported, { event: 'record' }, SYSTEM_ACTOR, now, txEnv);
  if (input.assigneeId === null) return reported;
  return transition(reported, { event: 'assign', assigneeId: input.assigneeId ?? zone.responsible.primary }, SYSTEM_ACTOR, now, txEnv);
}
