import { CLOCK_RUNNING_STATES } from '../../shared/contract/constants';
import { TEMPLATES, type TemplateName } from '../../shared/contract/templates';
import { messageFields, ticketPage } from '../../shared/notify/templates';
import { OFFSET_MS } from '../../shared/time/shanghai';
import { COLLECTIONS, cloud, cmd, db } from './cloud';
import { logger } from './logger';
import { category, zonesByIds } from './refdata';
import { recalledTicket, type TicketFacts } from './ticket-memo';
import { ticketFields } from './tickets.repo';

/** Subscribe-message template ids: defined once in shared/contract/templates.ts. */
export { TEMPLATES, type TemplateName };

export interface Message {
  touser: string;
  template: TemplateName;
  /** The ticket the message is about; null for one about something else (it names its `page` and gives its fields whole). */
  ticketId: string | null;
  page?: string;
  /**
   * What the sender knows: `character_string1` (the ticket number) and optionally `thing2`, a hint such as
   * 验收未通过 or an escalation level id. The message itself is composed here, in zh-CN, from the ticket:
   * what, where, by when, and what to do (shared/notify/templates.ts `messageFields`).
   */
  fields: Record<string, string>;
}

const NOT_SUBSCRIBED = 43101;

/** `2026-11-28 14:30` in Shanghai, as a template's `time` keyword takes it. */
const wallTime = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

async function factsOf(ticketId: string): Promise<TicketFacts | null> {
  const known = recalledTicket(ticketId);
  if (known) return known;
  return ticketFields<TicketFacts & { _id: string }>(ticketId, {
    no: true,
    categoryCode: true,
    description: true,
    zoneId: true,
    dueAt: true,
    state: true,
  });
}

/** The message's fields in zh-CN: what, where, by when and what to do. Falls back to the number alone. */
export async function composeFields(m: Message): Promise<Record<string, string>> {
  if (!m.ticketId) return m.fields;
  try {
    const t = await factsOf(m.ticketId);
    if (!t) return { character_string1: m.fields.character_string1 ?? '' };
    const [cat, zones] = await Promise.all([category(t.categoryCode).catch(() => null), zonesByIds([t.zoneId])]);
    const running = t.dueAt && (CLOCK_RUNNING_STATES as readonly string[]).includes(t.state);
    return messageFields(
      m.template,
      {
        no: t.no,
        category: cat?.name ?? '问题',
        description: t.description,
        zone: zones.get(t.zoneId)?.name ?? '',
        due: running && t.dueAt ? wallTime(new Date(t.dueAt)) : '',
      },
      m.fields.thing2,
    );
  } catch (e) {
    logger.warn('notification facts unavailable', { ticketId: m.ticketId, error: e });
    return { character_string1: m.fields.character_string1 ?? '' };
  }
}

/**
 * One send used up one of the person's reminders (one-time subscriptions are consumed per message); WeChat
 * answering 43101 means none were left, whatever we counted. One conditional write, never below zero.
 */
async function countSend(touser: string, template: TemplateName, delivered: boolean): Promise<void> {
  try {
    const _ = cmd();
    const where = db()
      .collection(COLLECTIONS.subscriptions)
      .where({ _id: `${touser}|${template}`, left: _.gt(0) });
    await where.update({ data: delivered ? { left: _.inc(-1) } : { left: 0 } });
  } catch (e) {
    logger.warn('reminder count not updated', { template, error: e });
  }
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

/** How one send went: `errCode` is WeChat's (43101: no subscription left), null when the call failed without one. */
export type SendResult = { ok: true } | { ok: false; errCode: number | null };

/**
 * The one send of a subscribe message, for every path (the actions' immediate messages and the outbox's owed
 * notices, `_lib/outbox.ts`; the assets timer's due reminder, which names its own page): the zh-CN fields composed from the ticket (`composeFields`), the page that opens
 * the ticket, and the person's reminder count kept (`countSend`). Never throws: a user without a subscription
 * (43101) or any other open-API failure is logged and answered, so a message never fails what caused it.
 */
export async function sendMessage(m: Message): Promise<SendResult> {
  const fields = await composeFields(m);
  const data = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v.slice(0, 20) }]));
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: TEMPLATES[m.template],
      page: m.page ?? ticketPage(m.ticketId ?? ''),
      data,
    });
  } catch (e) {
    const errCode = (e as { errCode?: number }).errCode;
    if (errCode === NOT_SUBSCRIBED) {
      logger.info('message not sent: not subscribed', { template: m.template, ticketId: m.ticketId });
      await countSend(m.touser, m.template, false);
    } else logger.warn('message not sent', { template: m.template, ticketId: m.ticketId, errCode, error: e });
    return { ok: false, errCode: typeof errCode === 'number' ? errCode : null };
  }
  await countSend(m.touser, m.template, true);
  return { ok: true };
}
