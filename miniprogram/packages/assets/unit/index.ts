/** My unit's assets: all, due for verification, or overdue; tap one for its card. */
import type { AssetListRow, AssetsContract } from '../../../../shared/contract/assets.contract';
import { privateState } from '../../../services/instance';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';
import { assetMessage, assetsCall, STATUS_LABELS, ymd, yuan } from '../assets.text';

const FILTERS = [
  { due: '', label: '全部' },
  { due: 'due', label: '待核对' },
  { due: 'overdue', label: '已逾期' },
];
const DUE_TAG = { ok: null, due: '待核对', overdue: '逾期' } as const;

const own = privateState(() => ({ unitId: '' }));

Component({
  data: { ...LIST_DATA, filters: FILTERS, filter: '', units: [] as Array<{ _id: string; name: string }>, unitIndex: 0, unitError: '' },
  methods: {
    async onLoad(query: { unitId?: string; due?: string } = {}) {
      const u = await assetsCall('myUnits');
      if (u.code !== 0 || u.data.items.length === 0) {
        this.setData({ status: 'error', errorText: u.code !== 0 ? assetMessage(u) : '您没有所属单位的资产可查看' });
        return;
      }
      const i = Math.max(
        0,
        u.data.items.findIndex((x) => x._id === query.unitId),
      );
      own(this).unitId = u.data.items[i]._id;
      this.setData({
        units: u.data.items.map((x) => ({ _id: x._id, name: x.name })),
        unitIndex: i,
        filter: query.due === 'due' || query.due === 'overdue' ? query.due : '',
      });
      await reload(this);
    },
    ...LIST_METHODS,
    onFilter(e: WechatMiniprogram.TouchEvent) {
      const filter = String(e.currentTarget.dataset.due ?? '');
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], status: 'loading' });
      void reload(this);
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      own(this).unitId = this.data.units[i]?._id ?? own(this).unitId;
      this.setData({ unitIndex: i, items: [], status: 'loading' });
      void reload(this);
    },
    async fetchPage(cursor: string | undefined) {
      const payload: AssetsContract['unitAssets']['input'] = { unitId: own(this).unitId };
      if (cursor) payload.cursor = cursor;
      if (this.data.filter) payload.due = this.data.filter as 'due' | 'overdue';
      const r = await assetsCall('unitAssets', payload);
      return r.code === 0 ? r : { code: r.code, message: assetMessage(r) };
    },
    toItem(row: AssetListRow) {
      return {
        id: row._id,
        tag: row.tag,
        name: row.name,
        meta: `${row.categoryName} · ${yuan(row.value)} · 上次核对 ${ymd(row.lastVerifiedAt)}`,
        status: STATUS_LABELS[row.status],
        due: DUE_TAG[row.dueState],
      };
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/assets/card/index?id=${e.currentTarget.dataset.id}` });
    },
    onCampaign() {
      wx.navigateTo({ url: `/packages/assets/campaign/index?unitId=${own(this).unitId}` });
    },
  },
});
