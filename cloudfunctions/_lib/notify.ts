import { TEMPLATES, type TemplateName } from '../../shared/contract/templates';
import { cloud } from './cloud';
import { logger } from './logger';

/** Subscribe-message template ids: defined once in shared/contract/templates.ts. */
export { TEMPLATES, type TemplateName };

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
