/** Generated from shared/notify/templates.ts by scripts/miniprogram-build.ts; do not edit. */
export const TEMPLATES = {
  assigned: 'xuncha-tpl-ticket-assigned',
  rectified: 'xuncha-tpl-ticket-rectified',
  managerAlert: 'xuncha-tpl-manager-alert',
  escalation: 'xuncha-tpl-ticket-escalation',
} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** What each reminder is called on the 提醒设置 page. */
export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  assigned: '新任务提醒',
  rectified: '整改结果提醒',
  managerAlert: '待审核与协调提醒',
  escalation: '超时提醒',
};
