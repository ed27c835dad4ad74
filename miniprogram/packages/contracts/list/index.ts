/** 合同管理: every contract the caller may see, in force or not; an admin opens one to edit or adds a new one. */
import type { ContractListItem } from '../../../../shared/contract/contracts.contract';
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
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

Component({
  data: { status: 'loading' as 'loading' | 'ready' | 'error', errorText: '', items: [] as Row[] },
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      if (this.data.status === 'ready') void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await callFunction<{ items: ContractListItem[] }>('contracts', 'list', {});
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
    onAdd() {
      wx.navigateTo({ url: '/packages/contracts/editor/index' });
    },
  },
});
