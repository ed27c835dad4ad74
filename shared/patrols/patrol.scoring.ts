import type { ScoringRules } from '../scoring/rules.schema';

/** What patrol scoring reads of an occurrence. */
export interface ScoringOccurrence {
  _id: string;
  kind: 'plan' | 'selfCheck';
  state: string;
  unitId: string;
  date: string;
  zoneName: string;
  assigneeIds: string[];
}

/** A patrol score line, shaped like shared/scoring ScoreLine (its evidence: the occurrence ids). */
export interface PatrolScoreLine {
  kind: 'missedSelfCheck' | 'missedPatrol';
  points: number;
  occurrenceIds: string[];
  /** A missed self-check is charged to its responsible person; a missed planned patrol to nobody (the inspectors missed it, not the unit). */
  personId: string | null;
  detail: Record<string, string | number>;
}

/**
 * The optional patrol lines of a unit's period score: −missedSelfCheck per missed daily self-check (the unit's
 * own duty), −missedPatrol per planned patrol of the unit left missed, together at most `max`; excused
 * occurrences never count. No rule (`rules.patrols` absent) gives no lines, so existing scores do not change.
 * `patrolScoreLines('u1', occurrences, rules)`.
 */
export function patrolScoreLines(
  unitId: string,
  occurrences: readonly ScoringOccurrence[],
  rules: Pick<ScoringRules, 'patrols'>,
): PatrolScoreLine[] {
  const r = rules.patrols;
  if (!r) return [];
  const missed = occurrences
    .filter((o) => o.unitId === unitId && o.state === 'missed')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a._id < b._id ? -1 : 1));
  let left = r.max;
  const out: PatrolScoreLine[] = [];
  for (const o of missed) {
    const each = o.kind === 'selfCheck' ? r.missedSelfCheck : r.missedPatrol;
    const points = Math.min(each, left);
    if (points <= 0) continue;
    left -= points;
    out.push({
      kind: o.kind === 'selfCheck' ? 'missedSelfCheck' : 'missedPatrol',
      points: -points,
      occurrenceIds: [o._id],
      personId: o.kind === 'selfCheck' ? (o.assigneeIds[0] ?? null) : null,
      detail: { date: o.date, zone: o.zoneName },
    });
  }
  return out;
}
