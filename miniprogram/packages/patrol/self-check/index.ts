/**
 * The daily self-check (每天对所分管的责任区进行检查): each zone the person answers for, within that day's
 * service hours. Scan the zone's poster, tick the five items ("其余全部合格" for a clean round), done in a
 * minute. A manager also sees the self-checks their units missed in the last seven days.
 */
import type { OccurrenceView } from '../../../../shared/contract/patrols.contract';
import { OCCURRENCE_METHODS, type OccurrenceRow, occurrenceRow } from '../occurrence.list';
import { OCC_STATE_LABELS, patrolMessage, patrols, shanghaiDay } from '../patrol.view';

type Row = OccurrenceRow;
type Missed = { id: string; zone: string; date: string; stateLabel: string; tone: string; reason: string };

const toRow = (o: OccurrenceView): Row => occurrenceRow(o);

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    today: '',
    items: [] as Row[],
    done: 0,
    missed: [] as Missed[],
    showMissed: false,
    busy: '',
    message: '',
  },
  methods: {
    async load() {
      const r = await patrols('myToday', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: patrolMessage(r) });
        return;
      }
      const mine = r.data.items.filter((o) => o.kind === 'selfCheck' && o.date === r.data.today);
      const items = mine.map(toRow);
      this.setData({
        status: 'ready',
        today: r.data.today,
        items,
        done: items.filter((i) => i.state === 'doneOnTime' || i.state === 'doneLate').length,
      });
      // Managers see their units' missed self-checks; for staff the register is not theirs to read.
      const now = Date.now();
      const reg = await patrols('register', { from: shanghaiDay(now, -7), to: shanghaiDay(now) });
      if (reg.code === 0) {
        const missed = reg.data.items
          .filter((o) => o.kind === 'selfCheck')
          .map((o) => {
            const [stateLabel, tone] = OCC_STATE_LABELS[o.state] ?? [o.state, 'muted'];
            return { id: o._id, zone: o.zoneName, date: o.date, stateLabel, tone, reason: o.excuse?.reason ?? '' };
          });
        this.setData({ missed, showMissed: true });
      }
    },
    ...OCCURRENCE_METHODS,
  },
});
