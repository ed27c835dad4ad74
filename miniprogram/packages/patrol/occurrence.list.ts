/**
 * What the lists of occurrences share (my patrols today, the daily self-check): the row facts every list shows,
 * and the page methods that start a visit by scanning the zone's poster (the scan proves the visit), continue
 * one under way, and retry a failed load. Pages spread `OCCURRENCE_METHODS` into their `methods` and keep
 * `busy` and `message` in their data.
 */
import type { OccurrenceView } from '../../../shared/contract/patrols.contract';
import { hhmm, OCC_STATE_LABELS, patrolMessage, patrols, scanZone } from './patrol.view';

/** The facts of an occurrence every list row shows. */
export type OccurrenceRow = {
  id: string;
  zone: string;
  when: string;
  state: string;
  stateLabel: string;
  tone: string;
  canStart: boolean;
  visitId: string;
};

/** `when` is the window (`11:30–12:30`, Shanghai) unless the list says otherwise. */
export function occurrenceRow(o: OccurrenceView, when = `${hhmm(o.startAt)}–${hhmm(o.dueAt)}`): OccurrenceRow {
  const [stateLabel, tone] = OCC_STATE_LABELS[o.state] ?? [o.state, 'muted'];
  return {
    id: o._id,
    zone: o.zoneName,
    when,
    state: o.state,
    stateLabel,
    tone,
    canStart: o.state === 'upcoming' || o.state === 'open',
    visitId: o.visitId ?? '',
  };
}

type Page = {
  data: { busy: string; status: string };
  setData(d: Record<string, unknown>): void;
  load(): Promise<void>;
};

const VISIT_PAGE = '/packages/patrol/visit/index';

/**
 * Scans a poster and starts a visit there (of occurrence `occurrenceId`, or unplanned), showing `busy` as `key`
 * meanwhile; opens the visit, or shows the coded refusal in zh-CN. Nothing happens while another start runs.
 */
export async function startVisit(page: Page, key: string, occurrenceId?: string): Promise<void> {
  if (page.data.busy) return;
  const sceneId = await scanZone();
  if (!sceneId) return;
  page.setData({ busy: key, message: '' });
  const r = await patrols('startVisit', occurrenceId ? { sceneId, occurrenceId } : { sceneId });
  page.setData({ busy: '' });
  if (r.code !== 0) {
    page.setData({ message: patrolMessage(r) });
    return;
  }
  wx.navigateTo({ url: `${VISIT_PAGE}?visitId=${r.data.visit._id}` });
}

export const OCCURRENCE_METHODS = {
  onLoad(this: Page) {
    void this.load();
  },
  /** Back from a visit: the list shows its new state. */
  onShow(this: Page) {
    if (this.data.status !== 'loading') void this.load();
  },
  onRetry(this: Page) {
    this.setData({ status: 'loading' });
    void this.load();
  },
  /** Scan the poster of this occurrence's zone: the visit starts only at the right zone. */
  onStart(this: Page, e: WechatMiniprogram.TouchEvent) {
    return startVisit(this, String(e.currentTarget.dataset.id), String(e.currentTarget.dataset.id));
  },
  onContinue(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `${VISIT_PAGE}?visitId=${String(e.currentTarget.dataset.visit)}` });
  },
};
