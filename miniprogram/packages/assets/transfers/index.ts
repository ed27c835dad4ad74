/**
 * Transfer requests (调拨): a manager asks to move an asset to another unit (opened from its card), the asset
 * office approves or rejects, and the receiving unit's manager receives it into one of its places.
 */
import type { AssetsContract, TransferRow } from '../../../../shared/contract/assets.contract';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { assetMessage, assetsCall, TRANSFER_LABELS, ymd } from '../assets.text';

const own = privateState(() => ({ rows: [] as TransferRow[] }));

function ask(title: string, placeholderText: string): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText,
      success: (r) => resolve(r.confirm && r.content?.trim() ? r.content.trim() : null),
      fail: () => resolve(null),
    });
  });
}

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    assetId: '',
    items: [] as Array<{ id: string; title: string; meta: string; state: string; actions: Array<{ event: string; label: string }> }>,
  },
  methods: {
    onLoad(query: { assetId?: string } = {}) {
      this.setData({ assetId: query.assetId ?? '' });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await assetsCall('transfers');
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: assetMessage(r) });
        return;
      }
      own(this).rows = r.data.items;
      this.setData({
        status: 'ready',
        items: r.data.items.map((t) => ({
          id: t._id,
          title: `${t.tag} ${t.name}`,
          meta: `${t.fromUnitId} → ${t.toUnitId} · ${ymd(t.createdAt)}${t.note ? ` · ${t.note}` : ''}`,
          state: TRANSFER_LABELS[t.state],
          actions: [
            ...(t.mayApprove
              ? [
                  { event: 'approve', label: '批准' },
                  { event: 'reject', label: '驳回' },
                ]
              : []),
            ...(t.mayReceive ? [{ event: 'receive', label: '确认接收' }] : []),
            ...(t.mayCancel ? [{ event: 'cancel', label: '撤回' }] : []),
          ],
        })),
      });
    },
    /** From an asset card: ask for the receiving unit (its id, as the office lists it) and a reason. */
    async onRequest() {
      const toUnitId = await ask('调入单位编号', '如：unit-dining');
      if (!toUnitId) return;
      const note = await ask('调拨原因', '如：部门调整');
      const payload: AssetsContract['requestTransfer']['input'] = { assetId: this.data.assetId, toUnitId };
      if (note) payload.note = note;
      const r = await assetsCall('requestTransfer', payload);
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: '调拨申请已提交', icon: 'success' });
      this.setData({ assetId: '' });
      await this.load();
    },
    async onAct(e: WechatMiniprogram.TouchEvent) {
      const { id, event } = e.currentTarget.dataset as { id: string; event: AssetsContract['transfer']['input']['event'] };
      const payload: AssetsContract['transfer']['input'] = { transferId: id, event };
      if (event === 'receive') {
        const zoneId = await ask('存放地点编号', '接收后资产所在的位置编号');
        if (!zoneId) return;
        payload.zoneId = zoneId;
      }
      const r = await assetsCall('transfer', payload);
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: '已处理', icon: 'success' });
      await this.load();
    },
  },
});
