/** 合同管理: every contract the caller may see, in force or not; an admin opens one to edit or adds a new one. */
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { shanghaiMonth } from '../../../shared/contract';
import { contractMessage, SERVICE_KIND_LABELS, yuanText } from '../labels';

type Row = {
  id: string;
  no: string;
  name: string;
  kind: string;
  contractor: string;
  supervising: string;
  term: string;
  fee: string;
  inForce: boolean;
};

const thisMonth = (ms: number) => shanghaiMonth(new Date(ms));

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    items: [] as Row[],
    /** The special-event form (supervising unit or office), open under one contract. */
    eventFor: -1,
    event: { month: '', what: '', points: '', yuan: '' },
    eventError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      if (this.data.status === 'ready') void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await callFunction('contracts', 'list', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage(r) });
        return;
      }
      this.setData({
        status: 'ready',
        items: r.data.items.map((c) => ({
          id: c._id,
          no: c.no,
          name: c.name,
          kind: SERVICE_KIND_LABELS[c.serviceKind],
          contractor: c.contractor,
          supervising: c.supervisingUnit,
          term: `${c.startDate} 至 ${c.endDate}`,
          fee: `${yuanText(Math.round(c.monthlyFee * 100))}/月`,
          inForce: c.inForce,
        })),
      });
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/contracts/editor/index?id=${e.currentTarget.dataset.id}` });
    },
    onNotices(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/contracts/notices/index?contractId=${e.currentTarget.dataset.id}` });
    },
    onAdd() {
      wx.navigateTo({ url: '/packages/contracts/editor/index' });
    },
    onEventOpen(e: WechatMiniprogram.TouchEvent) {
      this.setData({
        eventFor: Number(e.currentTarget.dataset.i),
        event: { month: thisMonth(Date.now()), what: '', points: '', yuan: '' },
        eventError: '',
      });
    },
    onEventField(e: WechatMiniprogram.Input) {
      this.setData({ [`event.${e.currentTarget.dataset.key}`]: e.detail.value, eventError: '' });
    },
    /** Records a special event of the month (扣分为负数); the server refuses a month already assessed. */
    async onEventSave() {
      const ev = this.data.event;
      const points = ev.points.trim() === '' ? 0 : Number(ev.points);
      const yuan = ev.yuan.trim() === '' ? 0 : Number(ev.yuan);
      if (!ev.what.trim()) return this.setData({ eventError: '请填写事件说明' });
      if (Number.isNaN(points) || Number.isNaN(yuan) || (points === 0 && yuan === 0))
        return this.setData({ eventError: '请填写扣分或扣款' });
      if (this.data.busy) return;
      this.setData({ busy: true });
      const contractId = this.data.items[this.data.eventFor].id;
      const r = await callFunction('contracts', 'recordEvent', {
        contractId,
        month: ev.month,
        what: ev.what.trim(),
        points: -Math.abs(points),
        yuan,
      });
      this.setData({ busy: false });
      if (r.code !== 0) return this.setData({ eventError: contractMessage(r) });
      wx.showToast({ title: '已登记', icon: 'success' });
      this.setData({ eventFor: -1 });
    },
  },
});
