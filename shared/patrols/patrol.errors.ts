/** Stable error codes of the patrol programme (plans, occurrences, visits, self-checks, coverage). */
export const PATROL_ERRORS = {
  /** The recurrence yields no slot in a whole year for any target zone (e.g. the 31st of a month no zone is open). */
  RECURRENCE_EMPTY: 'PATROL.RECURRENCE_EMPTY',
  /** One run of the plan would create more occurrences than a plan may (targets × slots per day over the cap). */
  RECURRENCE_TOO_MANY: 'PATROL.RECURRENCE_TOO_MANY',
  /** A target zone has no service hours, so "within service hours" has no window. */
  ZONE_WITHOUT_SERVICE_HOURS: 'PATROL.ZONE_WITHOUT_SERVICE_HOURS',
  /** The plan names a zone or subtree that does not exist. */
  ZONE_NOT_FOUND: 'PATROL.ZONE_NOT_FOUND',
  /** No such plan. */
  PLAN_NOT_FOUND: 'PATROL.PLAN_NOT_FOUND',
  /** Someone else saved the plan since it was read. */
  PLAN_STALE: 'PATROL.PLAN_STALE',
  /** The plan's status does not allow this (an ended plan cannot be activated again). */
  PLAN_STATUS: 'PATROL.PLAN_STATUS',
  /** The caller may not plan at this level or for these zones (a centre lead outside their centre). */
  OUT_OF_SCOPE: 'PATROL.OUT_OF_SCOPE',
  /** No such occurrence, or it is a surprise the caller may not see yet. */
  OCCURRENCE_NOT_FOUND: 'PATROL.OCCURRENCE_NOT_FOUND',
  /** The occurrence's state does not allow the event (a visit on a missed patrol, excusing a finished one). */
  INVALID_TRANSITION: 'PATROL.INVALID_TRANSITION',
  /** The caller is not an assignee of the occurrence. */
  NOT_ASSIGNEE: 'PATROL.NOT_ASSIGNEE',
  /** The QR code scanned is not a known zone's. */
  UNKNOWN_SCENE: 'PATROL.UNKNOWN_SCENE',
  /** The QR code scanned belongs to another zone than the patrol's. */
  WRONG_ZONE: 'PATROL.WRONG_ZONE',
  /** This visit was already started (a second scan), or the caller already has an open visit at this zone. */
  ALREADY_STARTED: 'PATROL.ALREADY_STARTED',
  /** No such visit, or not the caller's. */
  VISIT_NOT_FOUND: 'PATROL.VISIT_NOT_FOUND',
  /** The visit has already ended. */
  VISIT_ENDED: 'PATROL.VISIT_ENDED',
  /** Some checklist items were left without pass / fail / not applicable, or items not on the list were sent. */
  CHECKLIST_INCOMPLETE: 'PATROL.CHECKLIST_INCOMPLETE',
  /** The finding named is not the caller's finding at this visit's zone. */
  FINDING_MISMATCH: 'PATROL.FINDING_MISMATCH',
  /** The caller holds no role that can visit this zone (not an inspector in scope, volunteer, or its staff). */
  NO_VISIT_ROLE: 'PATROL.NO_VISIT_ROLE',
  /** The coverage period is longer than a semester allows or ends before it starts. */
  PERIOD_INVALID: 'PATROL.PERIOD_INVALID',
  /** The volunteer note was already confirmed or dismissed. */
  NOTE_DECIDED: 'PATROL.NOTE_DECIDED',
} as const;

export type PatrolErrorCode = (typeof PATROL_ERRORS)[keyof typeof PATROL_ERRORS];

/** The sentence the mini-program shows for each code (zh-CN, as the office speaks). */
export const PATROL_MESSAGES: { [K in PatrolErrorCode]: string } = {
  'PATROL.RECURRENCE_EMPTY': '按此频次在一年内排不出任何一次巡查，请检查日期和场所服务时间',
  'PATROL.RECURRENCE_TOO_MANY': '此计划每次生成的巡查太多，请减少场所或频次',
  'PATROL.ZONE_WITHOUT_SERVICE_HOURS': '有场所未设置服务时间，无法按服务时间安排巡查',
  'PATROL.ZONE_NOT_FOUND': '所选场所不存在，请重新选择',
  'PATROL.PLAN_NOT_FOUND': '巡查计划不存在或已删除',
  'PATROL.PLAN_STALE': '计划刚被他人修改，请刷新后再保存',
  'PATROL.PLAN_STATUS': '计划当前状态不能进行此操作',
  'PATROL.OUT_OF_SCOPE': '超出您的管理范围',
  'PATROL.OCCURRENCE_NOT_FOUND': '巡查任务不存在',
  'PATROL.INVALID_TRANSITION': '该巡查任务当前状态不能进行此操作，请刷新',
  'PATROL.NOT_ASSIGNEE': '这不是您的巡查任务',
  'PATROL.UNKNOWN_SCENE': '不是有效的场所二维码',
  'PATROL.WRONG_ZONE': '扫描的不是本次巡查场所的二维码，请到现场扫码',
  'PATROL.ALREADY_STARTED': '本次巡查已经开始，请勿重复扫码',
  'PATROL.VISIT_NOT_FOUND': '巡查记录不存在',
  'PATROL.VISIT_ENDED': '本次巡查已结束',
  'PATROL.CHECKLIST_INCOMPLETE': '还有检查项未选择“合格/不合格/不适用”',
  'PATROL.FINDING_MISMATCH': '该问题不属于本次巡查',
  'PATROL.NO_VISIT_ROLE': '您没有巡查该场所的权限',
  'PATROL.PERIOD_INVALID': '统计时段不正确（最长一个学期）',
  'PATROL.NOTE_DECIDED': '该线索已处理过',
};
