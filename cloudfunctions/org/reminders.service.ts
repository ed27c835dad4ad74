import { TEMPLATE_NAMES, type TemplateName } from '../../shared/notify/templates';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/tickets.repo';

/** Reminders left per template: one per accepted prompt, one used per message sent (`_lib/notify.ts`). */
export type Reminders = { [T in TemplateName]: number };

const subscriptions = () => db().collection(COLLECTIONS.subscriptions);

/** The caller's reminders left (one bounded read: at most one document per template). */
export async function remindersOf(openid: string): Promise<Reminders> {
  const res = await subscriptions().where({ openid }).limit(TEMPLATE_NAMES.length).get();
  const left = Object.fromEntries(TEMPLATE_NAMES.map((t) => [t, 0])) as Reminders;
  for (const d of rowsOf<{ template: TemplateName; left: number }>(res)) if (d.template in left) left[d.template] = Math.max(0, d.left);
  return left;
}

/**
 * Counts the templates the caller just accepted in `wx.requestSubscribeMessage` (the mini-program reports the
 * prompt's answer; WeChat tells no server). One atomic increment per template, creating its document on first use.
 */
export async function subscribed(caller: CallerContext, templates: readonly TemplateName[], now: Date): Promise<Reminders> {
  const _ = cmd();
  for (const template of new Set(templates)) {
    const _id = `${caller.openid}|${template}`;
    const inc = async () =>
      updatedOf(
        await subscriptions()
          .where({ _id })
          .update({ data: { left: _.inc(1), accepted: _.inc(1), updatedAt: now } }),
      );
    if ((await inc()) > 0) continue;
    try {
      await subscriptions().add({ data: { _id, openid: caller.openid, template, left: 1, accepted: 1, updatedAt: now } });
    } catch (e) {
      // Two prompts answered at once: the other one created it; count this one on it.
      if (!isDuplicateKey(e)) throw e;
      await inc();
    }
  }
  return remindersOf(caller.openid);
}

/** A staff member or manager says whether they are on duty; the zone's rota skips people off duty. */
export async function setOnDuty(caller: CallerContext, onDuty: boolean): Promise<{ onDuty: boolean }> {
  await db().collection(COLLECTIONS.people).where({ _id: caller.id }).update({ data: { onDuty } });
  return { onDuty };
}
