/**
 * The leaders' first page (总览): this week and this month at a glance against the period before, what is open
 * and overdue now, the trend of problems, on-time rectification and satisfaction over six months, open and
 * overdue problems by unit, and the zones with the most problems and repeats. Every number opens the list behind it.
 */
import { callFunction } from '../../../services/api';
import { messageOf } from '../../../services/reply';
import { overviewView } from './overview.view';

type View = ReturnType<typeof overviewView>;

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    view: null as View | null,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const r = await callFunction('overview', 'summary', {});
      if (r.code !== 0) {
        this.setData({ status: this.data.view ? 'ready' : 'error', errorText: messageOf(r) });
        if (this.data.view) wx.showToast({ title: messageOf(r), icon: 'none' });
        return;
      }
      this.setData({ status: 'ready', view: overviewView(r.data) });
    },
    /** Opens the list behind a number (its `data-url`). */
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url ?? '');
      if (url) wx.navigateTo({ url });
    },
  },
});
