/** zh-CN labels of the values that cross the wire, one table each (pages, the briefing and exports use them). */
import type { GlobalRole, Severity } from './common.contract';
import type { TicketEvent, TicketRole, TicketState } from './tickets.contract';

export const SEVERITIES = ['minor', 'major', 'critical'] as const satisfies readonly Severity[];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { minor: '一般', major: '较重', critical: '严重' };

export const STATE_LABELS: Readonly<Record<TicketState, string>> = {
  reported: '待分派',
  assigned: '待接单',
  accepted: '整改中',
  paused: '已暂停',
  coordinating: '协调中',
  rectified: '待确认',
  rework: '返工中',
  verified: '已确认',
  closed: '已办结',
  cancelled: '已作废',
};

export const EVENT_LABELS: Readonly<Record<TicketEvent | 'create', string>> = {
  create: '提交',
  assign: '分派',
  accept: '接单',
  pause: '暂停',
  resume: '恢复',
  rectify: '提交整改',
  approve: '确认整改',
  reject: '退回重改',
  autoVerify: '超时自动确认',
  close: '办结',
  reassign: '改派',
  cancel: '作废',
  requestCoordination: '申请协调',
  coordinationProceed: '协调：继续办理',
  coordinationCancel: '协调：作废',
  reopen: '重新打开',
  changeSeverity: '调整等级',
  escalate: '超时升级',
  record: '记录',
};

/** Who acted on a ticket, in relation to it (a ticket's history). */
export const TICKET_ROLE_LABELS: Readonly<Record<TicketRole, string>> = {
  system: '系统',
  admin: '管理员',
  officeInspector: '总务部巡查',
  inspectorInScope: '巡查员',
  findingInspector: '发现问题的巡查员',
  unitManager: '单位负责人',
  assignee: '责任人',
  reporter: '报告人',
};

/** A person's roles (people, invites, the home page). */
export const ROLE_LABELS: Readonly<Record<Exclude<GlobalRole, 'reporter'>, string>> = {
  staff: '员工',
  manager: '单位负责人',
  inspector: '巡查员',
  leader: '校领导',
  admin: '管理员',
  volunteer: '志愿巡查员',
};
