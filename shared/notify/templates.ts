/**
 * The zh-CN wording of every subscription message: what, where, by when, and what to do. The template ids and
 * the reminders' names are defined once in shared/contract/templates.ts (the mini-program has them through its
 * contract bundle).
 */

import { TEMPLATE_LABELS, TEMPLATES, type TemplateName } from '../contract/templates';

export { TEMPLATE_LABELS, TEMPLATES, type TemplateName };
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

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
  assetDue: '请按时完成资产在位核对',
};

/**
 * The fields of the asset-due reminder (its own console template: 单位, 待核对数量, 提示), sent through
 * cloudfunctions/_lib/notify.ts like the others. `assetDueFields('保洁公司', 12)`.
 */
export function assetDueFields(unitName: string, due: number): Record<string, string> {
  return { thing1: cut(unitName), number2: String(due), thing3: DEFAULT_HINTS.assetDue };
}

/** The page the asset-due reminder opens: the unit's due list. */
export const ASSET_DUE_PAGE = 'packages/assets/unit/index?due=due';

/** The page an overdue 督办 item's message opens: the item. */
export const supervisionItemPage = (itemId: string): string => `packages/supervision/item/index?id=${itemId}`;

/**
 * The fields of an overdue 督办 item's message, sent with the escalation template (its keywords: 编号, 事项,
 * 承办单位, 期限, 提示). `deadline` is Shanghai wall-clock text. Example: DB-2030-0002 · 督办：食堂排队过长 ·
 * 饮食服务中心 · 2030-06-30 17:00 · 督办事项已超期，请尽快办结.
 */
export function supervisionOverdueFields(item: { no: string; title: string; leadUnit: string; deadline: string }): Record<string, string> {
  return {
    [FIELD_KEYS.no]: item.no,
    [FIELD_KEYS.what]: cut(`督办：${item.title}`),
    [FIELD_KEYS.where]: cut(item.leadUnit || '—'),
    [FIELD_KEYS.due]: item.deadline,
    [FIELD_KEYS.hint]: '督办事项已超期，请尽快办结',
  };
}

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
