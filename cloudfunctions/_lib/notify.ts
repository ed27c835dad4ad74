import { cloud } from './cloud';
import { logger } from './logger';

/**
 * Subscribe-message template ids, in one place. Real ids come from the mini-program's 订阅消息 console; the
 * mini-program asks for the same ids with `wx.requestSubscribeMessage`.
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
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export interface Message {
  touser: string;
  template: TemplateName;
  ticketId: string;
  /** `thing` values are cut to 20 characters, as WeChat requires. */
  fields: Record<string, string>;
}

const NOT_SUBSCRIBED = 43101;

/**
 * Sends one subscribe message. Never throws: a user without a subscription (43101) or any other open-API
 * failure is logged and reported as `false`, so notifications never fail the action that caused them.
 */
export async function notify(m: Message): Promise<boolean> {
  const data = Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, { value: v.slice(0, 20) }]));
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: TEMPLATES[m.template],
      page: `pages/ticket/index?id=${m.ticketId}`,
      data,
    });
    return true;
  } catch (e) {
    const errCode = (e as { errCode?: number }).errCode;
    if (errCode === NOT_SUBSCRIBED) logger.info('notification skipped: not subscribed', { template: m.template, ticketId: m.ticketId });
    else logger.warn('notification failed', { template: m.template, ticketId: m.ticketId, errCode, error: e });
    return false;
  }
}

/** Sends many messages, a few at a time. */
export async function notifyAll(messages: readonly Message[], concurrency = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < messages.length; i += concurrency) {
    const results = await Promise.all(messages.slice(i, i + concurrency).map(notify));
    sent += results.filter(Boolean).length;
  }
  return sent;
}

export type ContentVerdict = 'pass' | 'review' | 'risky';

/** WeChat's content check; an open-API failure holds the text for review rather than letting it through. */
export async function checkContent(openid: string, content: string): Promise<ContentVerdict> {
  try {
    const res = (await cloud.openapi.security.msgSecCheck({ version: 2, openid, scene: 1, content })) as {
      result?: { suggest?: string };
    };
    const s = res.result?.suggest;
    return s === 'pass' || s === 'risky' ? s : 'review';
  } catch (e) {
    logger.warn('msgSecCheck failed; holding for review', { errCode: (e as { errCode?: number }).errCode });
    return 'review';
  }
}

/**
 * Sends one subscribe message and says how it went, for the outbox (`_lib/outbox.ts`), which records each
 * delivery: `errCode` is WeChat's (43101: no subscription left), absent when the call failed without one.
 */
export async function sendMessage(m: Message): Promise<{ ok: true } | { ok: false; errCode: number | null }> {
  const data = Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, { value: v.slice(0, 20) }]));
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: TEMPLATES[m.template],
      page: `pages/ticket/index?id=${m.ticketId}`,
      data,
    });
    return { ok: true };
  } catch (e) {
    const errCode = (e as { errCode?: number }).errCode;
    return { ok: false, errCode: typeof errCode === 'number' ? errCode : null };
  }
}
