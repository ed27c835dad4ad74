/**
 * Subscribe-message template ids, in one place: the functions send them (cloudfunctions/_lib/notify.ts), the
 * mini-program asks for them (`wx.requestSubscribeMessage`), the local cloud's demo campus grants them. Real
 * ids come from the mini-program's 订阅消息 console.
 */
export const TEMPLATES = {
  /** To the assignee: a ticket was assigned (new, reassigned, reopened). */
  assigned: 'xuncha-tpl-ticket-assigned',
  /** To the reporter: the problem was rectified, please verify. */
  rectified: 'xuncha-tpl-ticket-rectified',
  /** To the unit manager: a repeat offence, a held report, or a coordination request. */
  managerAlert: 'xuncha-tpl-manager-alert',
  /** Escalation levels (assignee reminder, overdue to manager, office). */
  escalation: 'xuncha-tpl-ticket-escalation',
  /** To a unit's managers: assets due or overdue for their monthly in-place verification (issue 14). */
  assetDue: 'xuncha-tpl-asset-due',
} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** What each reminder is called on the 提醒设置 page (我的). */
export const TEMPLATE_LABELS: { readonly [T in TemplateName]: string } = {
  assigned: '新任务提醒',
  rectified: '整改结果提醒',
  managerAlert: '待审核与协调提醒',
  escalation: '超时提醒',
  assetDue: '资产到期核对提醒',
};
