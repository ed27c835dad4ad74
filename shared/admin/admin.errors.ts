/** Codes of the admin function (stable strings; the mini-program shows ADMIN_MESSAGES). */
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
  /** A zone or person that has been used (tickets, ratings, visits, assets, plans, child zones…) cannot be deleted; deactivate it. */
  IN_USE: 'ADMIN.IN_USE',
  /** A zone cannot move under itself or one of its own descendants, and a campus does not move. */
  INVALID_MOVE: 'ADMIN.INVALID_MOVE',
  /** More zones under the moved one than one move rewrites (200). */
  TOO_MANY_DESCENDANTS: 'ADMIN.TOO_MANY_DESCENDANTS',
  /** A deadline rule set with a version or a successor is frozen: tickets created under it keep its deadlines. */
  RULE_FROZEN: 'ADMIN.RULE_FROZEN',
  /** A new deadline rule set cannot take effect before today. */
  EFFECTIVE_IN_PAST: 'ADMIN.EFFECTIVE_IN_PAST',
  /** More deadline rule sets than the settings keep (20). */
  TOO_MANY_RULE_SETS: 'ADMIN.TOO_MANY_RULE_SETS',
  /** A code for an invite that is revoked, expired or used up. */
  INVITE_INACTIVE: 'ADMIN.INVITE_INACTIVE',
} as const;

/** The zh-CN sentence the mini-program shows for each admin code (the compiler checks every code has one). */
export const ADMIN_MESSAGES: { [K in (typeof ADMIN_ERRORS)[keyof typeof ADMIN_ERRORS]]: string } = {
  'ADMIN.NOT_FOUND': '记录不存在，可能已被删除',
  'ADMIN.STALE': '该记录刚被其他管理员修改，请刷新后重新编辑',
  'ADMIN.UNIT_NOT_FOUND': '单位不存在',
  'ADMIN.INVALID_PARENT': '上级场所不正确',
  'ADMIN.INVALID_ZONE': '场所信息不符合要求（负责人与备岗不能是同一人）',
  'ADMIN.NOT_UNIT_STAFF': '负责人必须是该单位的在职员工',
  'ADMIN.LAST_ADMIN': '系统至少需要保留一名管理员',
  'ADMIN.OWN_ADMIN_ROLE': '不能取消自己的管理员身份或停用自己',
  'ADMIN.INVALID_BINDING': '角色与单位不匹配（巡查员只能属于总务部或中心）',
  'ADMIN.CATEGORY_EXISTS': '这个类别刚被其他管理员创建，请刷新后再试',
  'ADMIN.CATEGORY_AT_EDGE': '已经在最前或最后了',
  'ADMIN.TOO_MANY_CATEGORIES': '类别数量已达上限',
  'ADMIN.UNKNOWN_RULE': '期限规则不存在',
  'ADMIN.RULE_IN_USE': '仍有类别在使用该期限规则',
  'ADMIN.CODE_EXHAUSTED': '生成失败，请重试',
  'ADMIN.IN_USE': '该记录已有使用记录（问题、评价、巡查、资产或下级场所等），不能删除，可改为停用',
  'ADMIN.INVALID_MOVE': '不能移到自身或其下级场所之下，校区不能移动',
  'ADMIN.TOO_MANY_DESCENDANTS': '下级场所过多（超过 200 个），无法一次移动，请先分批调整',
  'ADMIN.RULE_FROZEN': '该期限规则已有新版本或已被接替，为保证已有问题的期限不变，不能修改或删除',
  'ADMIN.EFFECTIVE_IN_PAST': '生效日期不能早于今天',
  'ADMIN.TOO_MANY_RULE_SETS': '期限规则数量已达上限（20 套）',
  'ADMIN.INVITE_INACTIVE': '该邀请码已作废、过期或用完，不能生成二维码',
};
