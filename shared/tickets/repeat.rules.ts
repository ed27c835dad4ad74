import type { Severity } from '../common/severity.schema';
import { raiseSeverity } from '../common/severity.schema';
import type { Ticket } from './ticket.schema';

/** How far back an earlier ticket in the same zone and category makes a new one a repeat. */
export const DEFAULT_REPEAT_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields of an earlier ticket the repeat rule looks at. */
export type RepeatCandidate = Pick<Ticket, '_id' | 'zoneId' | 'categoryCode' | 'kind' | 'state' | 'createdAt'>;

/**
 * A repeat offence: `count` earlier problems in the window, the latest being `ofTicketId`; `fromSeverity` is the
 * severity before the raise (scoring charges that, plus the repeat line: shared/scoring `chargedSeverity`).
 */
export interface RepeatAssessment {
  repeat: { count: number; ofTicketId: string; fromSeverity: Severity } | null;
  severity: Severity;
}

/**
 * Whether a new problem in `zoneId` + `categoryCode` at `now` repeats earlier ones within the window, and its
 * severity: one level up from `severity` (capped at critical) when it does. Cancelled tickets (duplicates,
 * invalid reports) and positive examples do not count.
 */
export function assessRepeat(
  subject: { zoneId: string; categoryCode: string; severity: Severity },
  earlier: readonly RepeatCandidate[],
  now: Date,
  windowDays: number = DEFAULT_REPEAT_WINDOW_DAYS,
): RepeatAssessment {
  const since = now.getTime() - windowDays * DAY_MS;
  const matches = earlier.filter(
    (t) =>
      t.zoneId === subject.zoneId &&
      t.categoryCode === subject.categoryCode &&
      t.kind === 'problem' &&
      t.state !== 'cancelled' &&
      t.createdAt.getTime() >= since &&
      t.createdAt.getTime() <= now.getTime(),
  );
  if (matches.length === 0) return { repeat: null, severity: subject.severity };
  const latest = matches.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  return {
    repeat: { count: matches.length, ofTicketId: latest._id, fromSeverity: subject.severity },
    severity: raiseSeverity(subject.severity),
  };
}
