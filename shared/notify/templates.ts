/**
 * Subscription-message templates, defined once: their ids (from the mini-program's 订阅消息 console), what
 * each one is for, who is asked to accept it, and the zh-CN wording of every message. The functions send with
 * these ids (cloudfunctions/_lib/notify.ts), the mini-program asks for the same ids (a generated copy,
 * miniprogram/templates.ts, kept in step by scripts/miniprogram-build.ts and its test), and the demo seed
 * grants them.
 */

export const TEMPLATES = {
  /** To the assignee: a ticket was assigned (new, reassigned, reopened, sent back for rework). */
  assigned: 'xuncha-tpl-ticket-assigned',
  /** To the reporter: the problem was rectified, please verify. */
  rectified: 'xuncha-tpl-ticket-rectified',
  /** To the unit manager: a repeat offence, a held report, or a coordination request. */
  managerAlert: 'xuncha-tpl-manager-alert',
  /** Escalation levels (assignee reminder, overdue to manager, office). */
  escalation: 'xuncha-tpl-ticket-escalation',
} as const;
export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** What each reminder is called on the 提醒设置 page. */
export const TEMPLATE_LABELS: { readonly [T in TemplateName]: string } = {
  assigned: '新任务提醒',
  rectified: '整改结果提醒',
  managerAlert: '待审核与协调提醒',
  escalation: '超时提醒',
};

/**
 * The keywords every xuncha template has, in the console's order: 工单号, 问题, 地点, 期限, 提示. WeChat cuts a
 * `thing` at 20 characters and wants `time` as a date-time.
 */
export const FIELD_KEYS = { no: 'character_string1', what: 'thing2', where: 'thing3', due: 'time4', hint: 'thing5' } as const;

/** What the message is about, as the sender knows it. */
export interface MessageFacts {
  no: string;
  /** The category's zh-CN name. */
  category: string;
  description: string;
  zone: string;
  /** Shanghai wall-clock deadline text (`2026-11-28 14:30`), or '' when the clock is stopped or none. */
  due: string;
}

/** Escalation level ids → what the person reads. */
export const LEVEL_HINTS: Readonly<Record<string, string>> = {
  remind: '快到期了，请尽快处理',
  overdue: '已超时，请督促处理',
  office: '超时未办，已报总务部',
};

/** The default hint of each template, when the sender gives none. */
const DEFAULT_HINTS: { readonly [T in TemplateName]: string } = {
  assigned: '新任务，请打开接单处理',
  rectified: '已整改，请确认结果',
  managerAlert: '需要你处理',
  escalation: '请尽快处理',
};

const cut = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The fields of a message: what (category and a bit of the description), where, by when, and a hint that says
 * what to do. `hint` may be an escalation level id (`remind`), which is spelled out; an unknown id never
 * reaches a person.
 */
export function messageFields(template: TemplateName, facts: MessageFacts, hint?: string): Record<string, string> {
  const what = facts.description ? `${facts.category}：${facts.description}` : facts.category;
  const said =
    hint === undefined
      ? DEFAULT_HINTS[template]
      : (LEVEL_HINTS[hint] ?? (/^[a-z][a-zA-Z0-9_:-]*$/.test(hint) ? DEFAULT_HINTS[template] : hint));
  return {
    [FIELD_KEYS.no]: facts.no,
    [FIELD_KEYS.what]: cut(what),
    [FIELD_KEYS.where]: cut(facts.zone || '—'),
    [FIELD_KEYS.due]: facts.due || '无期限',
    [FIELD_KEYS.hint]: cut(said),
  };
}

/** The page a message opens: the ticket, where the person's own action is waiting. */
export const ticketPage = (ticketId: string): string => `pages/ticket/index?id=${ticketId}`;
