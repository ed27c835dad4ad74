import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../../shared/deadlines';
import { type PauseAccount, type TimerTicket, timerFieldsAfter } from '../../shared/escalation';
import type { Ticket, TransitionEnv } from '../../shared/tickets';
import { settings } from './refdata';

/**
 * The escalation timer's rules applied to a user's transition (pause cap, rework deadline, next timer check;
 * see `timerFieldsAfter`): the ticket to save and the pause account to save beside it.
 */
export async function applyTimerRules(
  before: Ticket,
  after: Ticket,
  env: TransitionEnv,
  now: Date,
): Promise<{ ticket: Ticket; pause: PauseAccount }> {
  const cfg = await settings('tickets');
  const rework = before.state === 'rectified' && after.state === 'rework' && after.clock;
  const deadlineRule = rework
    ? resolveDeadlineRule(env.deadlineRules ?? DEFAULT_DEADLINE_RULES, after.deadlineRuleId ?? '', after.severity)
    : null;
  return timerFieldsAfter(before as Ticket & TimerTicket, after, {
    now,
    hours: env.hours,
    levels: env.escalationLevels ?? cfg.escalationLevels,
    rules: cfg.timer,
    deadlineRule,
  });
}
