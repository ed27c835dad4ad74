/**
 * Admin: one zone. Opened with `?id=` to edit, `?parentId=` to add a zone under another, or `?kind=campus`
 * for a new campus. The form sets the name, kind, unit, the responsible person and backup (picked from the
 * unit's active staff) and whether the zone takes reports; a saved zone shows its mini-program code, which
 * can be previewed (long-press to save or share) or saved to the album for printing.
 */

import { callFunction } from '../../../services/api';
import { saveRemoteImage } from '../../../services/documents';
import { formatTime } from '../../../services/format';
import { privateState } from '../../../services/instance';
import type { Reply } from '../../../services/reply';
import type { AdminZoneDetail, InputOf, StaffOnDuty, ZoneKind } from '../../../shared/contract';
import { admin, adminMessage, CHILD_KINDS, KIND_LABELS, type Unit } from '../org.view';

type ZoneDetail = AdminZoneDetail;
type Staff = StaffOnDuty;

/** What the form holds besides `data`: ids behind the pickers' indexes, and the zone being edited. */
const own = privateState(() => ({
  units: [] as Unit[],
  staff: [] as Staff[],
  kinds: [] as ZoneKind[],
  zone: null as ZoneDetail | null,
  parentId: null as string | null,
  options: {} as Record<string, string | undefined>,
}));

/** The kind a new zone under `parentKind` most likely has. */
const childKindOf = (parentKind: ZoneKind): ZoneKind =>
  parentKind === 'campus'
    ? 'building'
    : parentKind === 'canteen'
      ? 'window'
      : parentKind === 'building' || parentKind === 'dormitory'
        ? 'floor'
        : 'area';

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    isNew: false,
    isCampus: false,
    place: '',
    sceneId: '',
    children: 0,
    name: '',
    kindNames: [] as string[],
    kindIndex: 0,
    unitNames: [] as string[],
    unitIndex: -1,
    staffNames: [] as string[],
    primaryIndex: -1,
    backupNames: ['无'] as string[],
    backupIndex: 0,
    staffError: '',
    active: true,
    formError: '',
    saving: false,
    code: { status: 'idle', url: '', error: '' } as { status: 'idle' | 'loading' | 'ready' | 'error'; url: string; error: string },
    /** Moving under another parent: the search, its results, and the move in progress. */
    move: {
      open: false,
      q: '',
      results: [] as Array<{ id: string; name: string; place: string }>,
      error: '',
      busy: false,
      searched: false,
    },
    /** Deleting: pending (deactivated, confirmable at `readyText`), refused as in use (offer deactivation), or busy. */
    removal: { state: 'idle', text: '', busy: false } as { state: 'idle' | 'pending' | 'inUse' | 'error'; text: string; busy: boolean },
    poster: { status: 'idle', count: 0, url: '', error: '' } as {
      status: 'idle' | 'loading' | 'ready' | 'error';
      count: number;
      url: string;
      error: string;
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      void this.load(options);
    },
    onRetry() {
      void this.load(own(this).options);
    },
    async load(options: Record<string, string | undefined>) {
      this.setData({ status: 'loading' });
      const st = own(this);
      st.options = options;
      const target = options.id ?? options.parentId;
      const [units, zone] = await Promise.all([admin('units'), target ? admin('zone', { id: target }) : Promise.resolve(null)]);
      const failed = [units, zone].find((r): r is Reply<never> => !!r && r.code !== 0);
      if (failed) {
        this.setData({ status: 'error', errorText: adminMessage(failed) });
        return;
      }
      st.units = (units as { data: { items: Unit[] } }).data.items;
      const z = zone ? (zone as { data: ZoneDetail }).data : null;
      if (options.id && z) this.showZone(z);
      else this.showNew(options.parentId && z ? z : null);
      this.setData({ status: 'ready', unitNames: st.units.map((u) => u.name) });
      const unit = st.units[this.data.unitIndex];
      if (unit) await this.loadStaff(unit._id);
      if (!this.data.isNew) void this.loadCode();
    },
    /** Fills the form from a stored zone. */
    showZone(z: ZoneDetail) {
      const st = own(this);
      st.zone = z;
      st.parentId = z.parentId;
      st.kinds = z.kind === 'campus' ? ['campus'] : [...CHILD_KINDS];
      this.setData({
        isNew: false,
        isCampus: z.kind === 'campus',
        place: z.pathNames.length > 0 ? z.pathNames.join(' · ') : '（校区）',
        sceneId: z.sceneId,
        children: z.children,
        name: z.name,
        kindNames: st.kinds.map((k) => KIND_LABELS[k]),
        kindIndex: Math.max(0, st.kinds.indexOf(z.kind)),
        unitIndex: st.units.findIndex((u) => u._id === z.unitId),
        active: z.active,
      });
    },
    /** An empty form for a zone under `parent`, or for a campus. */
    showNew(parent: ZoneDetail | null) {
      const st = own(this);
      st.zone = null;
      st.parentId = parent ? parent._id : null;
      st.kinds = parent ? [...CHILD_KINDS] : ['campus'];
      this.setData({
        isNew: true,
        isCampus: !parent,
        place: parent ? [...parent.pathNames, parent.name].join(' · ') : '（新校区）',
        sceneId: '',
        children: 0,
        name: '',
        kindNames: st.kinds.map((k) => KIND_LABELS[k]),
        kindIndex: parent ? Math.max(0, st.kinds.indexOf(childKindOf(parent.kind))) : 0,
        unitIndex: parent ? st.units.findIndex((u) => u._id === parent.unitId) : -1,
        active: true,
      });
    },
    /**
     * The unit's active staff for the two pickers. A responsible person no longer among them (moved, or
     * deactivated) still shows, marked, so the admin sees who to replace.
     */
    async loadStaff(unitId: string) {
      const st = own(this);
      const r = await admin('staffOf', { unitId });
      if (r.code !== 0) {
        st.staff = [];
        this.setData({ staffNames: [], backupNames: ['无'], primaryIndex: -1, backupIndex: 0, staffError: adminMessage(r) });
        return;
      }
      const staff = [...r.data.items];
      const z = st.zone;
      if (z && z.unitId === unitId) {
        for (const p of [z.responsible.primary, z.responsible.backup]) {
          if (p && !staff.some((s) => s._id === p._id)) staff.push({ _id: p._id, name: `${p.name}（已不在本单位）`, onDuty: false });
        }
      }
      st.staff = staff;
      const names = staff.map((s) => (s.onDuty ? s.name : `${s.name}（休息）`));
      const sameUnit = z && z.unitId === unitId;
      this.setData({
        staffNames: names,
        backupNames: ['无', ...names],
        primaryIndex: sameUnit && z.responsible.primary ? staff.findIndex((s) => s._id === z.responsible.primary?._id) : -1,
        backupIndex: sameUnit && z.responsible.backup ? staff.findIndex((s) => s._id === z.responsible.backup?._id) + 1 : 0,
        staffError: '',
      });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, formError: '' });
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ kindIndex: Number(e.detail.value) });
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      const unit = own(this).units[i];
      this.setData({ unitIndex: i, formError: '' });
      if (unit) void this.loadStaff(unit._id);
    },
    onPrimary(e: WechatMiniprogram.PickerChange) {
      this.setData({ primaryIndex: Number(e.detail.value), formError: '' });
    },
    onBackup(e: WechatMiniprogram.PickerChange) {
      this.setData({ backupIndex: Number(e.detail.value), formError: '' });
    },
    onActive(e: WechatMiniprogram.SwitchChange) {
      this.setData({ active: e.detail.value });
    },
    /** The save payload, or a zh-CN hint of what is missing. */
    payload(): InputOf<'admin', 'saveZone'> | string {
      const st = own(this);
      const d = this.data;
      const name = d.name.trim();
      const unit = st.units[d.unitIndex];
      const primary = st.staff[d.primaryIndex];
      const backup = d.backupIndex > 0 ? st.staff[d.backupIndex - 1] : undefined;
      if (!name) return '请填写场所名称';
      if (!unit) return '请选择所属单位';
      if (!primary) return '请选择负责人';
      if (backup && backup._id === primary._id) return '备岗不能与负责人相同';
      const body: InputOf<'admin', 'saveZone'> = {
        name: name.slice(0, 60),
        kind: st.kinds[d.kindIndex],
        unitId: unit._id,
        responsible: backup ? { primary: primary._id, backup: backup._id } : { primary: primary._id },
        active: d.active,
      };
      return st.zone ? { id: st.zone._id, version: st.zone.version, ...body } : { parentId: st.parentId, ...body };
    },
    async onSave() {
      if (this.data.saving) return;
      const payload = this.payload();
      if (typeof payload === 'string') {
        this.setData({ formError: payload });
        return;
      }
      const st = own(this);
      const isNew = !st.zone;
      this.setData({ saving: true, formError: '' });
      const r = await admin('saveZone', payload);
      this.setData({ saving: false });
      if (r.code !== 0) {
        this.setData({ formError: adminMessage(r) });
        return;
      }
      wx.showToast({ title: isNew ? '已创建' : '已保存', icon: 'success' });
      this.showZone(r.data);
      this.emit(isNew ? 'created' : 'saved', r.data);
      if (isNew) void this.loadCode();
    },
    /** Tells the list page that opened this one (if any) what changed. */
    emit(event: 'saved' | 'created', zone: ZoneDetail) {
      const self = this as unknown as { getOpenerEventChannel?: () => { emit: (e: string, d: unknown) => void } | undefined };
      self.getOpenerEventChannel?.()?.emit(event, zone);
    },
    async loadCode() {
      const zone = own(this).zone;
      if (!zone) return;
      this.setData({ 'code.status': 'loading', 'code.error': '' });
      const r = await admin('zoneCode', { id: zone._id });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ 'code.status': 'error', 'code.error': r.code !== 0 ? adminMessage(r) : '二维码地址获取失败' });
        return;
      }
      this.setData({ code: { status: 'ready', url: r.data.url, error: '' } });
    },
    onPreviewCode() {
      const url = this.data.code.url;
      if (url) wx.previewImage({ urls: [url], current: url });
    },
    onSaveCode() {
      const url = this.data.code.url;
      if (!url) return;
      saveRemoteImage(url);
    },
    /** A printable sheet of posters for this zone and everything under it (the posters function). */
    async onPoster() {
      const zone = own(this).zone;
      if (!zone || this.data.poster.status === 'loading') return;
      this.setData({ poster: { status: 'loading', count: 0, url: '', error: '' } });
      const r = await callFunction('posters', 'sheet', { zoneId: zone._id });
      if (r.code !== 0 || !r.data.url) {
        this.setData({
          poster: { status: 'error', count: 0, url: '', error: r.code !== 0 ? adminMessage(r) : '海报地址获取失败，请重试' },
        });
        return;
      }
      this.setData({ poster: { status: 'ready', count: r.data.zones, url: r.data.url, error: '' } });
    },
    /** Phones do not print: the link goes to a computer, where the sheet prints on A4. */
    onCopyPoster() {
      const url = this.data.poster.url;
      if (url) wx.setClipboardData({ data: url });
    },
    onOpenMove() {
      this.setData({ 'move.open': !this.data.move.open, 'move.error': '' });
    },
    onMoveQuery(e: WechatMiniprogram.Input) {
      this.setData({ 'move.q': e.detail.value });
    },
    /** Zones whose name matches, as candidate parents (not the zone itself or anything under it). */
    async onMoveSearch() {
      const zone = own(this).zone;
      const q = this.data.move.q.trim();
      if (!zone || !q) return;
      this.setData({ 'move.busy': true, 'move.error': '' });
      const r = await admin('zones', { q: q.slice(0, 30) });
      this.setData({ 'move.busy': false });
      if (r.code !== 0) {
        this.setData({ 'move.error': adminMessage(r) });
        return;
      }
      const results = r.data.items
        .filter((z) => z._id !== zone._id && z._id !== zone.parentId)
        .map((z) => ({ id: z._id, name: z.name, place: z.pathNames.length > 0 ? z.pathNames.join(' · ') : '校区' }));
      this.setData({ 'move.results': results, 'move.searched': true });
    },
    /** Moves the zone (and everything under it) under the tapped zone, after a confirmation. */
    onMoveTo(e: WechatMiniprogram.TouchEvent) {
      const zone = own(this).zone;
      const target = this.data.move.results.find((x) => x.id === e.currentTarget.dataset.id);
      if (!zone || !target || this.data.move.busy) return;
      wx.showModal({
        title: '移动场所',
        content: `将「${zone.name}」及其下级场所移到「${target.name}」之下？单位和负责人不变；已有问题和评价仍按原位置统计，之后的反馈计入新位置。`,
        confirmText: '移动',
        success: (res) => {
          if (res.confirm) void this.moveTo(zone, target.id);
        },
      });
    },
    async moveTo(zone: ZoneDetail, parentId: string) {
      this.setData({ 'move.busy': true, 'move.error': '' });
      const r = await admin('moveZone', { id: zone._id, version: zone.version, parentId });
      this.setData({ 'move.busy': false });
      if (r.code !== 0) {
        this.setData({ 'move.error': adminMessage(r) });
        return;
      }
      wx.showToast({ title: r.data.moved > 1 ? `已移动 ${r.data.moved} 个场所` : '已移动', icon: 'success' });
      this.setData({ move: { open: false, q: '', results: [], error: '', busy: false, searched: false } });
      const fresh = await admin('zone', { id: zone._id });
      if (fresh.code === 0) {
        this.showZone(fresh.data);
        this.emit('saved', fresh.data);
      }
    },
    /** Delete: confirmed, then the first step (deactivates, checks); a pending delete is confirmed with onDeleteConfirm. */
    onDelete() {
      const zone = own(this).zone;
      if (!zone || this.data.removal.busy) return;
      wx.showModal({
        title: '删除场所',
        content: `仅从未使用过的场所可以删除。「${zone.name}」将先停用，约 1 分半钟后确认无人使用再删除。`,
        confirmText: '删除',
        confirmColor: '#d54941',
        success: (res) => {
          if (res.confirm) void this.deleteStep();
        },
      });
    },
    onDeleteConfirm() {
      void this.deleteStep();
    },
    async deleteStep() {
      const zone = own(this).zone;
      if (!zone) return;
      this.setData({ 'removal.busy': true });
      const r = await admin('deleteZone', { id: zone._id, version: zone.version });
      if (r.code !== 0) {
        const inUse = r.code === 'ADMIN.IN_USE';
        if (inUse) await this.refreshZone();
        this.setData({ removal: { state: inUse ? 'inUse' : 'error', text: adminMessage(r), busy: false } });
        return;
      }
      if (r.data.state === 'deleted') {
        this.setData({ removal: { state: 'idle', text: '', busy: false } });
        wx.showToast({ title: '已删除', icon: 'success' });
        const self = this as unknown as { getOpenerEventChannel?: () => { emit: (e: string, d: unknown) => void } | undefined };
        self.getOpenerEventChannel?.()?.emit('deleted', { id: zone._id });
        wx.navigateBack({ delta: 1 });
        return;
      }
      own(this).zone = { ...zone, version: r.data.version, active: false };
      const ready = r.data.readyAt ? formatTime(r.data.readyAt).slice(6) : '';
      this.setData({
        active: false,
        removal: {
          state: 'pending',
          text: `已停用，未发现使用记录。为确保没有正在进行的扫码反馈，请在 ${ready} 之后点击“完成删除”。`,
          busy: false,
        },
      });
    },
    async refreshZone() {
      const zone = own(this).zone;
      if (!zone) return;
      const fresh = await admin('zone', { id: zone._id });
      if (fresh.code === 0) this.showZone(fresh.data);
    },
    /** In use: deactivate instead (the switch off, saved as any edit). */
    onDeactivateInstead() {
      this.setData({ active: false, removal: { state: 'idle', text: '', busy: false } });
      void this.onSave();
    },
    onHistory() {
      const zone = own(this).zone;
      if (zone) wx.navigateTo({ url: `/packages/admin/audit/index?targetId=${zone._id}` });
    },
    onAddChild() {
      const zone = own(this).zone;
      if (zone) wx.navigateTo({ url: `/packages/admin/zone/index?parentId=${zone._id}` });
    },
  },
});
