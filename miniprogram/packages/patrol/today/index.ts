/**
 * My patrols today (inspectors, volunteers; staff see their self-checks here too): each occurrence with its
 * window and state. Starting one scans the zone's QR poster, which proves the visit; a surprise patrol is
 * listed only for its inspector. An unplanned visit starts the same way from the button at the bottom.
 */
import type { OccurrenceView } from '../../../../shared/contract/patrols.contract';
import { OCCURRENCE_METHODS, type OccurrenceRow, occurrenceRow, startVisit } from '../occurrence.list';
import { LEVEL_LABELS, patrolMessage, patrols } from '../patrol.view';

type Row = OccurrenceRow & { title: string; day: string; level: string; surprise: boolean };

const toRow = (o: OccurrenceView, today: string): Row => {
  const sample = !/^\d{4}-\d{2}-\d{2}/.test(o._id.split('~')[2] ?? '');
  return {
    ...occurrenceRow(o, sample ? `本期内（${o.date} 起）` : undefined),
    title: o.kind === 'selfCheck' ? '每日自查' : o.planName,
    day: o.date === today ? '今天' : o.date > today ? '明天' : o.date,
    level: LEVEL_LABELS[o.level] ?? '',
    surprise: o.surprise,
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
    ...OCCURRENCE_METHODS,
    /** An unplanned visit: any zone the caller may patrol, proven the same way. */
    onAdhoc() {
      return startVisit(this, 'adhoc');
    },
  },
});
