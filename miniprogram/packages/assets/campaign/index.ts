/**
 * A unit's monthly verification campaign: start it (a snapshot of what should be there), scan each label and
 * say whether it is in place, elsewhere (where) or damaged (with a photo), watch the progress from the
 * counters, and close it: what was not scanned becomes 盘亏 and a ticket is opened for each missing or damaged
 * asset. Then the 盘盈 / 盘亏 list.
 */
import type { AssetsContract } from '../../../../shared/contract/assets.contract';
import { uploadPhoto } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { assetMessage, assetsCall, OUTCOME_LABELS, scanLabel, yuan } from '../assets.text';

const REPORTS = [
  { report: 'found', label: '在位，完好' },
  { report: 'elsewhere', label: '不在原位' },
  { report: 'damaged', label: '损坏' },
] as const;

const own = privateState(() => ({ unitId: '', campaignId: '' }));

function chooseReport(): Promise<(typeof REPORTS)[number]['report'] | null> {
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: REPORTS.map((r) => r.label),
      success: (r) => resolve(REPORTS[r.tapIndex]?.report ?? null),
      fail: () => resolve(null),
    });
  });
}

function askPlace(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '实际所在位置',
      editable: true,
      placeholderText: '如：三楼会议室',
      success: (r) => resolve(r.confirm && r.content?.trim() ? r.content.trim().slice(0, 60) : null),
      fail: () => resolve(null),
    });
  });
}

function takePhoto(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      success: (r) => resolve(r.tempFiles[0]?.tempFilePath ?? null),
      fail: () => resolve(null),
    });
  });
}

function confirmClose(remaining: number): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '结束本月盘点',
      content: remaining > 0 ? `还有 ${remaining} 件未核对，结束后将记为盘亏并生成整改工单。确定结束？` : '结束后不能再扫码。确定结束？',
      success: (r) => resolve(!!r.confirm),
      fail: () => resolve(false),
    });
  });
}

const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    units: [] as Array<{ _id: string; name: string }>,
    unitIndex: 0,
    state: 'none' as 'none' | 'open' | 'closing' | 'closed',
    month: '',
    mayManage: false,
    figures: null as null | {
      expected: number;
      scanned: number;
      remaining: number;
      progress: string;
      ratio: string;
      surplus: number;
      missing: number;
      damaged: number;
      risk: string;
    },
    last: '',
    busy: false,
    exceptions: [] as Array<{ id: string; tag: string; name: string; outcome: string; tone: string; place: string }>,
  },
  methods: {
    onLoad(query: { unitId?: string } = {}) {
      own(this).unitId = query.unitId ?? '';
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      if (this.data.units.length === 0) {
        const u = await assetsCall('myUnits');
        if (u.code !== 0) {
          this.setData({ status: 'error', errorText: assetMessage(u) });
          return;
        }
        const units = u.data.items.filter((x) => x.manages || u.data.items.length === 1);
        const list = units.length ? units : u.data.items;
        if (list.length === 0) {
          this.setData({ status: 'error', errorText: '您没有可盘点的单位' });
          return;
        }
        const i = Math.max(
          0,
          list.findIndex((x) => x._id === own(this).unitId),
        );
        own(this).unitId = list[i]._id;
        this.setData({ units: list.map((x) => ({ _id: x._id, name: x.name })), unitIndex: i });
      }
      const r = await assetsCall('progress', { unitId: own(this).unitId });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: assetMessage(r) });
        return;
      }
      const c = r.data.campaign;
      own(this).campaignId = c?._id ?? '';
      const f = r.data.campaign ? r.data.results : null;
      this.setData({
        status: 'ready',
        state: c?.state ?? 'none',
        month: c ? `${c.month.slice(0, 4)}年${Number(c.month.slice(5))}月` : '',
        mayManage: r.data.mayManage,
        figures: f
          ? {
              expected: f.expected,
              scanned: f.scanned,
              remaining: f.remaining,
              progress: percent(f.progress),
              ratio: percent(f.inPlaceRatio),
              surplus: f.surplus,
              missing: f.missing,
              damaged: f.damaged,
              risk: yuan(f.valueAtRisk),
            }
          : null,
      });
      if (c?.state === 'closed') await this.loadExceptions();
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      const u = this.data.units[i];
      if (!u) return;
      own(this).unitId = u._id;
      this.setData({ unitIndex: i, exceptions: [], last: '' });
      void this.load();
    },
    async onStart() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const r = await assetsCall('startCampaign', { unitId: own(this).unitId });
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        return;
      }
      await this.load();
    },
    async onScan() {
      if (this.data.busy || this.data.state !== 'open') return;
      const tag = await scanLabel();
      if (!tag) {
        wx.showToast({ title: '未识别到资产标签', icon: 'none' });
        return;
      }
      const report = await chooseReport();
      if (!report) return;
      const payload: AssetsContract['scan']['input'] = { campaignId: own(this).campaignId, tag, report };
      if (report !== 'found') {
        const path = await takePhoto();
        if (!path) {
          wx.showToast({ title: '请拍照留证', icon: 'none' });
          return;
        }
        this.setData({ busy: true });
        const up = await uploadPhoto(path, `assets/${own(this).campaignId}/${tag}-${Date.now()}.jpg`);
        this.setData({ busy: false });
        if (up.code !== 0) {
          wx.showToast({ title: '照片上传失败，请重试', icon: 'none' });
          return;
        }
        payload.photo = up.data.fileID;
      }
      if (report === 'elsewhere') {
        const place = await askPlace();
        if (!place) return;
        payload.place = place;
      }
      this.setData({ busy: true });
      const r = await assetsCall('scan', payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        return;
      }
      const what = r.data.repeat ? '已核对过，本次不重复计数' : OUTCOME_LABELS[r.data.outcome];
      this.setData({ last: `${r.data.tag} ${r.data.name ?? '（未登记标签）'}：${what}` });
      await this.load();
    },
    async onClose() {
      if (this.data.busy) return;
      if (!(await confirmClose(this.data.figures?.remaining ?? 0))) return;
      this.setData({ busy: true });
      const r = await assetsCall('closeCampaign', { campaignId: own(this).campaignId });
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        await this.load();
        return;
      }
      wx.showToast({ title: '盘点已结束', icon: 'success' });
      await this.load();
    },
    async loadExceptions() {
      const r = await assetsCall('exceptions', { campaignId: own(this).campaignId });
      if (r.code !== 0) return;
      const tone: Record<string, string> = { surplus: 'info', missing: 'danger', damaged: 'warn', elsewhere: 'warn' };
      this.setData({
        exceptions: r.data.items.slice(0, 200).map((s) => ({
          id: s._id,
          tag: s.tag,
          name: s.name ?? '（未登记标签）',
          outcome: OUTCOME_LABELS[s.outcome],
          tone: tone[s.outcome] ?? 'muted',
          place: s.place ?? '',
        })),
      });
    },
  },
});
