import type { ScoringRules } from '../scoring/rules.schema';

/** What patrol scoring reads of an occurrence (and of its plan: the level and the centre that owes it). */
export interface ScoringOccurrence {
  _id: string;
  kind: 'plan' | 'selfCheck';
  state: string;
  /** The unit of the zone patrolled. */
  unitId: string;
  /** `self` for a self-check; a planned patrol's level. */
  level?: 'office' | 'centre' | 'self';
  /** The centre a centre-level plan belongs to (the unit whose inspectors owed the patrol). */
  centreId?: string | null;
  date: string;
  zoneId?: string;
  zoneName: string;
  planName?: string;
  /** The slot's start, 'HH:mm' Shanghai, when known. */
  time?: string;
  assigneeIds: string[];
}

/** A patrol score line, shaped like shared/scoring ScoreLine (its evidence: the occurrence ids). */
export interface PatrolScoreLine {
  kind: 'missedSelfCheck' | 'missedPatrol';
  points: number;
  occurrenceIds: string[];
  /** A missed self-check is charged to its responsible person; a missed planned patrol to nobody by name. */
  personId: string | null;
  detail: Record<string, string | number>;
}

/**
 * The unit that answers for a missed occurrence: a self-check is the zone's unit's own duty (每天对所分管的责任区
 * 进行检查); a centre-level patrol is owed by that centre's inspectors, so it is charged to the centre, never to
 * the unit inspected; an office-level patrol is owed by the office, which is not scored.
 */
export function chargedUnitOf(o: Pick<ScoringOccurrence, 'kind' | 'unitId' | 'level' | 'centreId'>): string | null {
  if (o.kind === 'selfCheck') return o.unitId;
  return o.level === 'centre' ? (o.centreId ?? null) : null;
}

/** Whether an occurrence counts as missed for scoring at `asOf`: marked missed, or still waiting after its grace ended (timer lag). */
export function missedAt(o: { state: string; missAt?: Date | null }, asOf: Date): boolean {
  if (o.state === 'missed') return true;
  return (o.state === 'upcoming' || o.state === 'open') && !!o.missAt && o.missAt.getTime() <= asOf.getTime();
}

/**
 * The optional patrol lines of a unit's period score: −missedSelfCheck per missed daily self-check (the unit's
 * own duty, charged to its responsible person), −missedPatrol per planned patrol the unit owed and missed (see
 * `chargedUnitOf`), together at most `max`; excused occurrences never count (the caller passes missed ones,
 * `missedAt`). No rule (`rules.patrols` absent) gives no lines, so existing scores do not change.
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
    .filter((o) => chargedUnitOf(o) === unitId && o.state === 'missed')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a._id < b._id ? -1 : 1));
  let left = r.max;
  const out: PatrolScoreLine[] = [];
  for (const o of missed) {
    const each = o.kind === 'selfCheck' ? r.missedSelfCheck : r.missedPatrol;
    const points = Math.min(each, left);
    if (points <= 0) continue;
    left -= points;
    const detail: Record<string, string | number> = { date: o.date, zone: o.zoneName };
    if (o.zoneId) detail.zoneId = o.zoneId;
    if (o.planName) detail.plan = o.planName;
    if (o.time) detail.time = o.time;
    if (o.kind === 'plan' && o.unitId !== unitId) detail.zoneUnitId = o.unitId;
    out.push({
      kind: o.kind === 'selfCheck' ? 'missedSelfCheck' : 'missedPatrol',
      points: -points,
      occurrenceIds: [o._id],
      personId: o.kind === 'selfCheck' ? (o.assigneeIds[0] ?? null) : null,
      detail,
    });
  }
  return out;
}
