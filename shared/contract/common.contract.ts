/**
 * Building blocks of the wire types: plain TypeScript (no zod), dates as the ISO strings they travel as.
 * `cloudfunctions/_lib/contract.check.ts` holds every action's schema and handler to these shapes, so they cannot drift.
 */

/** An action that takes no payload (`z.strictObject({})`). */
export type NoInput = Record<string, never>;

/** One page of a keyset-paged list; pass `nextCursor` back as `cursor` for the next page (null: the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A file in cloud storage and a temporary URL for it (null when none could be signed). */
export interface FileRef {
  fileID: string;
  url: string | null;
}

/** A record named by id. */
export interface Named {
  _id: string;
  name: string;
}

export type Severity = 'minor' | 'major' | 'critical';
export type SeverityCounts = { [S in Severity]: number };

/** Roles a person holds anywhere; `reporter` is everyone, including an openid without a person record. */
export type GlobalRole = 'reporter' | 'staff' | 'manager' | 'inspector' | 'leader' | 'admin' | 'volunteer';

/** One role of a person, bound to a unit where the role needs one. */
export type RoleBinding =
  | { role: 'staff'; unitId: string }
  | { role: 'manager'; unitId: string }
  | { role: 'inspector'; level: 'office' }
  | { role: 'inspector'; level: 'centre'; unitId: string }
  | { role: 'leader' }
  | { role: 'admin' }
  | { role: 'volunteer'; unitId: string };

export type UnitKind = 'office' | 'centre' | 'contractor';
export type ZoneKind = 'campus' | 'building' | 'canteen' | 'dormitory' | 'floor' | 'window' | 'area';

/** A unit as the admin pages list it. */
export interface UnitRow {
  _id: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
}

/** Opening hours of one day, `HH:mm`. */
export interface ServiceInterval {
  open: string;
  close: string;
}
/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday). */
export type ServiceHours = { [D in 1 | 2 | 3 | 4 | 5 | 6 | 7]: ServiceInterval[] };

/** A deadline rule: service minutes, the end of the service day, or wall-clock minutes. */
export type DeadlineRule =
  | { kind: 'serviceMinutes'; minutes: number }
  | { kind: 'endOfServiceDay' }
  | { kind: 'clockMinutes'; minutes: number };
/** One rule per severity. */
export type DeadlineRuleSet = { [S in Severity]: DeadlineRule };
/** An escalation level: who is told when the given fraction of the deadline has passed. */
export interface EscalationLevel {
  id: string;
  atFraction: number;
  notify: 'office' | 'assignee' | 'unitManager';
}

/** Last month's figure of a ranked row and the change since. */
export interface Previous {
  rank: number | null;
  value: number | null;
  delta: number | null;
}

/** A satisfaction prior: the ranking's Bayesian pull towards the overall mean. */
export interface Prior {
  mean: number;
  weight: number;
}
