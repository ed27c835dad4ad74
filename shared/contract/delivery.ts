/**
 * How the ticket page words a message that did not reach its person (tickets.detail `undelivered`), in zh-CN:
 * who was not reached and why. Reporters and followers are never named.
 */
import { TEMPLATE_LABELS } from './templates';
import type { UndeliveredMessage } from './tickets.contract';

/** Who a message was for, when it names no person. */
export const AUDIENCE_LABELS: Readonly<Record<string, string>> = {
  assignee: '处理人',
  unitManager: '单位负责人',
  office: '总务部负责人',
  inspector: '巡查员',
  reporter: '反馈的同学',
  follower: '关注此问题的同学',
};

/**
 * One undelivered message as a sentence, e.g. `张三未订阅新任务提醒，消息未送达`,
 * `超时提醒无人接收：总务部负责人未设置`.
 */
export function undeliveredText(u: Pick<UndeliveredMessage, 'recipientName' | 'audience' | 'template' | 'reason'>): string {
  const who = u.recipientName || AUDIENCE_LABELS[u.audience] || '相关人员';
  const what = TEMPLATE_LABELS[u.template] ?? '提醒';
  switch (u.reason) {
    case 'NOT_SUBSCRIBED':
      return `${who}未订阅${what}，消息未送达`;
    case 'INTERRUPTED':
      return `给${who}的${what}发送中断，可能未收到`;
    case 'NO_RECIPIENT':
      return `${what}无人接收：${AUDIENCE_LABELS[u.audience] ?? '负责人'}未设置`;
    default:
      return `给${who}的${what}发送失败，消息未送达`;
  }
}
