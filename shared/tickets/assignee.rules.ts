/** A person who may be given a ticket: their id and duty flag (absent means on duty). */
export interface DutyPerson {
  _id: string;
  onDuty?: boolean;
}

/** The people around a zone: its responsible person and backup (null when their record is gone), the unit's managers. */
export interface ZoneStaffing<P extends DutyPerson = DutyPerson> {
  primary: P | null;
  backup: P | null;
  managers: P[];
}

const onDuty = (p: DutyPerson | null): p is DutyPerson => !!p && p.onDuty !== false;

/**
 * Who gets a new problem (the duty fallback): the zone's primary responsible person when on duty (no
 * `onDuty: false`), else the backup when on duty, else the unit's first manager; when nobody qualifies, the
 * primary still gets it (the unit manager sees it on the board and reassigns). When the primary's record is gone
 * too, nobody is found: null, and the problem waits in 待分派 for its unit's manager or the office to assign it.
 */
export function chooseAssignee(zone: { responsible: { primary: string } }, s: ZoneStaffing): string | null {
  const primaryKnown = s.primary !== null;
  if (onDuty(s.primary)) return s.primary._id;
  if (onDuty(s.backup)) return s.backup._id;
  return s.managers[0]?._id ?? (primaryKnown ? zone.responsible.primary : null);
}
