/** Codes of the admin function (stable strings; the mini-program maps known ones to zh-CN text). */
export const ADMIN_ERRORS = {
  /** No zone, person, invite or category with that id. */
  NOT_FOUND: 'ADMIN.NOT_FOUND',
  /** Someone else saved the record since it was read (its version moved on); reload and edit again. */
  STALE: 'ADMIN.STALE',
  /** No unit with that id. */
  UNIT_NOT_FOUND: 'ADMIN.UNIT_NOT_FOUND',
  /** A new zone's parent does not exist, or a campus was given a parent. */
  INVALID_PARENT: 'ADMIN.INVALID_PARENT',
  /** The zone would break the shared Zone rules (path depth, campus, backup = primary…). */
  INVALID_ZONE: 'ADMIN.INVALID_ZONE',
  /** A responsible person is not (active) staff of the zone's unit. */
  NOT_UNIT_STAFF: 'ADMIN.NOT_UNIT_STAFF',
  /** The change would leave no active admin. */
  LAST_ADMIN: 'ADMIN.LAST_ADMIN',
  /** An admin may not remove their own admin role or deactivate themselves. */
  OWN_ADMIN_ROLE: 'ADMIN.OWN_ADMIN_ROLE',
  /** A role binding names a unit that does not exist or cannot carry it (a centre inspector of a contractor). */
  INVALID_BINDING: 'ADMIN.INVALID_BINDING',
  /** Creating a category whose code exists. */
  CATEGORY_EXISTS: 'ADMIN.CATEGORY_EXISTS',
  /** Moving the first category up or the last one down. */
  CATEGORY_AT_EDGE: 'ADMIN.CATEGORY_AT_EDGE',
  /** More categories than the reference-data cache reads (100). */
  TOO_MANY_CATEGORIES: 'ADMIN.TOO_MANY_CATEGORIES',
  /** A category names a deadline rule set that is not configured. */
  UNKNOWN_RULE: 'ADMIN.UNKNOWN_RULE',
  /** The new deadline rules drop a rule set a category still uses. */
  RULE_IN_USE: 'ADMIN.RULE_IN_USE',
  /** A unique code could not be drawn (practically never: 2^40 codes). */
  CODE_EXHAUSTED: 'ADMIN.CODE_EXHAUSTED',
} as const;
