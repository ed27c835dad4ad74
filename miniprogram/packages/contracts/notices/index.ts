import { callFunction } from '../../../services/api';
import { contractMessage, NOTICE_STATE_LABELS as STATE_LABELS, NOTICE_STATE_TONES as STATE_TONES } from '../labels';

const when = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    errorText: '',
    contractId: '',
    title: '',
    items: [] as Array<{ id: string; no: string; note: string; due: string; ticket: string; state: string; tone: string }>,
  },
  methods: {
    onLoad(query: { contractId?: string }) {
      this.setData({ contractId: query.contractId ?? '' });
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
      const r = await callFunction('contracts', 'notices', { contractId: this.data.contractId });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage(r) });
        return;
      }
      this.setData({
        status: 'ready',
        title: `${r.data.contractName}（${r.data.contractNo}）`,
        items: r.data.items.map((n) => ({
          id: n._id,
          no: n.no,
          note: n.note,
          due: `期限 ${when(n.dueAt)}`,
          ticket: `工单 ${n.ticketNo}`,
          state: STATE_LABELS[n.state],
          tone: STATE_TONES[n.state],
        })),
      });
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/contracts/notice/index?noticeId=${String(e.currentTarget.dataset.id)}` });
    },
  },
});
