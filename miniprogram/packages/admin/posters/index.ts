/**
 * Admin: QR poster sheets from the phone (海报打印). The school's name and the supervision hotline printed on every
 * poster; a building, canteen or dormitory picked by kind and name; its sheet (that zone and every active zone
 * under it, four to an A4 page) made as a Word document in the cloud and opened with `wx.openDocument`, from
 * where it is printed or sent on.
 */

import { callFunction } from '../../../services/api';
import { openRemoteDocument } from '../../../services/documents';
import { messageOf } from '../../../services/reply';
import type { ZoneKind } from '../../../shared/contract';

const KINDS = [
  { key: 'canteen', label: '食堂' },
  { key: 'building', label: '楼宇' },
  { key: 'dormitory', label: '宿舍' },
] as const;
const message = (r: { code: string | 0 }) => messageOf(r);

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    schoolName: '',
    hotline: '',
    version: 0,
    profileError: '',
    saving: false,
    kinds: KINDS,
    kind: 'canteen' as ZoneKind,
    places: [] as Array<{ id: string; name: string; where: string }>,
    placesStatus: 'loading' as 'loading' | 'ready' | 'error',
    printing: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const r = await callFunction('posters', 'profile', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: message(r) });
        return;
      }
      this.setData({ status: 'ready', ...r.data });
      await this.loadPlaces();
    },
    async loadPlaces() {
      this.setData({ placesStatus: 'loading' });
      const r = await callFunction('admin', 'zones', { kind: this.data.kind });
      if (r.code !== 0) {
        this.setData({ placesStatus: 'error' });
        return;
      }
      this.setData({
        placesStatus: 'ready',
        places: r.data.items.filter((z) => z.active).map((z) => ({ id: z._id, name: z.name, where: z.pathNames.slice(0, -1).join(' · ') })),
      });
    },
    onKind(e: WechatMiniprogram.TouchEvent) {
      const kind = String(e.currentTarget.dataset.key) as ZoneKind;
      if (kind === this.data.kind) return;
      this.setData({ kind, places: [] });
      void this.loadPlaces();
    },
    onSchool(e: WechatMiniprogram.Input) {
      this.setData({ schoolName: e.detail.value, profileError: '' });
    },
    onHotline(e: WechatMiniprogram.Input) {
      this.setData({ hotline: e.detail.value, profileError: '' });
    },
    async onSaveProfile() {
      if (this.data.saving) return;
      const hotline = this.data.hotline.trim();
      if (hotline && !/^\+?[0-9][0-9 -]{3,18}[0-9]$/.test(hotline)) {
        this.setData({ profileError: '监督电话只能填数字、空格和短横线，例如 0571-8888 6666' });
        return;
      }
      this.setData({ saving: true });
      const r = await callFunction('posters', 'saveProfile', {
        schoolName: this.data.schoolName.trim(),
        hotline,
        version: this.data.version,
      });
      this.setData({ saving: false });
      if (r.code !== 0) {
        this.setData({ profileError: message(r) });
        if (r.code === 'POSTERS.STALE') {
          const fresh = await callFunction('posters', 'profile', {});
          if (fresh.code === 0) this.setData({ version: fresh.data.version });
        }
        return;
      }
      this.setData({ ...r.data });
      wx.showToast({ title: '已保存', icon: 'success' });
    },
    /** Makes the place's Word sheet in the cloud, downloads it and opens it. */
    async onPrint(e: WechatMiniprogram.TouchEvent) {
      const zoneId = String(e.currentTarget.dataset.id);
      if (this.data.printing) return;
      this.setData({ printing: zoneId });
      const r = await callFunction('posters', 'sheet', { zoneId, format: 'docx' });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ printing: '' });
        wx.showToast({ title: r.code !== 0 ? message(r) : '文件生成失败，请重试', icon: 'none' });
        return;
      }
      const url = r.data.url;
      await openRemoteDocument(url, 'docx');
      this.setData({ printing: '' });
    },
  },
});
