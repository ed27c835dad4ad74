/**
 * My patrols today (inspectors, volunteers; staff see their self-checks here too): each occurrence with its
 * window and state. Starting one scans the zone's QR poster, which proves the visit; a surprise patrol is
 * listed only for its inspector. An unplanned visit starts the same way from the button at the bottom.
 */
import type { OccurrenceView } from '../../../../shared/contract/patrols.contract';
import { hhmm, LEVEL_LABELS, OCC_STATE_LABELS, patrolMessage, patrols, scanZone } from '../patrol.view';

type Row = {
  id: string;
  title: string;
  zone: string;
  when: string;
  day: string;
  state: string;
  stateLabel: string;
  tone: string;
  level: string;
  surprise: boolean;
  canStart: boolean;
  visitId: string;
};

const toRow = (o: OccurrenceView, today: string): Row => {
  const [stateLabel, tone] = OCC_STATE_LABELS[o.state] ?? [o.state, 'muted'];
  const sample = !/^\d{4}-\d{2}-\d{2}/.test(o._id.split('~')[2] ?? '');
  return {
    id: o._id,
    title: o.kind === 'selfCheck' ? '每日自查' : o.planName,
    zone: o.zoneName,
    when: sample ? `本期内（${o.date} 起）` : `${hhmm(o.startAt)}–${hhmm(o.dueAt)}`,
    day: o.date === today ? '今天' : o.date > today ? '明天' : o.date,
    state: o.state,
    stateLabel,
    tone,
    level: LEVEL_LABELS[o.level] ?? '',
    surprise: o.surprise,
    canStart: o.state === 'upcoming' || o.state === 'open',
    visitId: o.visitId ?? '',
  };
};

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    items: [] as Row[],
    busy: '',
    message: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      if (this.data.status !== 'loading') void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      const r = await patrols('myToday', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: patrolMessage(r) });
        return;
      }
      this.setData({ status: 'ready', items: r.data.items.map((o) => toRow(o, r.data.today)) });
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    /** Scan the poster of this patrol's zone: the visit starts only at the right zone. */
    async onStart(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id);
      if (this.data.busy) return;
      const sceneId = await scanZone();
      if (!sceneId) return;
      this.setData({ busy: id, message: '' });
      const r = await patrols('startVisit', { sceneId, occurrenceId: id });
      this.setData({ busy: '' });
      if (r.code !== 0) {
        this.setData({ message: patrolMessage(r) });
        return;
      }
      wx.navigateTo({ url: `/packages/patrol/visit/index?visitId=${r.data.visit._id}` });
    },
    onContinue(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/patrol/visit/index?visitId=${String(e.currentTarget.dataset.visit)}` });
    },
    /** An unplanned visit: any zone the caller may patrol, proven the same way. */
    async onAdhoc() {
      if (this.data.busy) return;
      const sceneId = await scanZone();
      if (!sceneId) return;
      this.setData({ busy: 'adhoc', message: '' });
      const r = await patrols('startVisit', { sceneId });
      this.setData({ busy: '' });
      if (r.code !== 0) {
        this.setData({ message: patrolMessage(r) });
        return;
      }
      wx.navigateTo({ url: `/packages/patrol/visit/index?visitId=${r.data.visit._id}` });
    },
  },
});
