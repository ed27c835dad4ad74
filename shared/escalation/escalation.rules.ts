import { z } from 'zod';
import { hasReached, instantAtFraction } from '../deadlines/clock';
import type { DeadlineClock } from '../deadlines/deadline.schema';
import type { ServiceHours } from '../deadlines/service-hours.schema';

/** One escalation level: once `atFraction` of the deadline budget is used, notify `notify`. */
export const EscalationLevel = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  atFraction: z.number().positive().max(100),
  notify: z.enum(['assignee', 'unitManager', 'office']),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** A configured ladder of levels with unique ids. */
export const EscalationLevels = z
  .array(EscalationLevel)
  .max(10)
  .refine((levels) => new Set(levels.map((l) => l.id)).size === levels.length, { message: 'level ids must be unique' });

/** Default ladder: remind the assignee at 50%, the unit manager when overdue, the general-affairs office at 200%. */
export const DEFAULT_ESCALATION_LEVELS: readonly EscalationLevel[] = [
  { id: 'remind', atFraction: 0.5, notify: 'assignee' },
  { id: 'overdue', atFraction: 1, notify: 'unitManager' },
  { id: 'office', atFraction: 2, notify: 'office' },
];

/** Levels not yet fired whose threshold is reached at `now`, in ladder order; none for a missing clock. */
export function dueLevels(
  clock: DeadlineClock | null,
  hours: ServiceHours,
  fired: readonly string[],
  now: Date,
  levels: readonly EscalationLevel[] = DEFAULT_ESCALATION_LEVELS,
): EscalationLevel[] {
  if (!clock) return [];
  return levels.filter((l) => !fired.includes(l.id) && hasReached(clock, hours, now, l.atFraction));
}

/**
 * When the timer should look at the ticket next: the earliest instant a not-yet-fired level becomes due
 * (possibly already past); null when no level remains or the clock is stopped (paused, rectified, closed).
 */
export function nextCheckAt(
  clock: DeadlineClock | null,
  hours: ServiceHours,
  fired: readonly string[],
  levels: readonly EscalationLevel[] = DEFAULT_ESCALATION_LEVELS,
): Date | null {
  if (!clock?.runningSince) return null;
  let earliest: Date | null = null;
  for (const level of levels) {
    if (fired.includes(level.id)) continue;
    const at = instantAtFraction(clock, hours, level.atFraction);
    if (at && (!earliest || at < earliest)) earliest = at;
  }
  return earliest;
}
