/**
 * Patrol mode: pick a zone (scan its code or search), walk a category's checklist, and log a finding or a
 * positive example with photos in a few taps.
 */
import { callFunction, searchZones, type ZoneView, zoneByScene } from '../../../services/api';
import { CHECKLISTS, DEFAULT_SEVERITY } from '../../../services/checklists';
import { CATEGORIES, LIMITS, SEVERITY_LABELS } from '../../../services/format';
import { messageOf } from '../../../services/reply';

type CheckItem = { text: string; logged: '' | 'problem' | 'positive' };

const SEVERITIES = ['minor', 'major', 'critical'].map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));

Component({
  data: {
    zone: null as null | { id: string; name: string },
    query: '',
    searching: false,
    results: [] as Array<{ id: string; name: string }>,
    searchError: '',
    categories: CATEGORIES.filter((c) => CHECKLISTS[c.code]),
    category: '',
    checklist: [] as CheckItem[],
    // The finding being written (null when the form is closed).
    form: null as null | { index: number; kind: 'problem' | 'positive'; item: string },
    severities: SEVERITIES,
    severity: 'minor',
    description: '',
    photos: [] as string[],
    uploading: false,
    formError: '',
    busy: false,
    logged: 0,
  },
  methods: {
    onLoad(options: { scene?: string }) {
      if (options.scene) void this.pickByScene(decodeURIComponent(options.scene));
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        success: (res) => {
          const m = /scene=([A-Za-z0-9_%-]+)/.exec(res.path ?? '');
          if (m) void this.pickByScene(decodeURIComponent(m[1]));
          else wx.showToast({ title: '不是场所二维码', icon: 'none' });
        },
      });
    },
    async pickByScene(scene: string) {
      const r = await zoneByScene(scene);
      if (r.code !== 0) {
        wx.showToast({ title: messageOf(r), icon: 'none' });
        return;
      }
      this.setZone(r.data);
    },
    onQuery(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value });
    },
    async onSearch() {
      const q = this.data.query.trim();
      if (!q) return;
      this.setData({ searching: true, searchError: '' });
      const r = await searchZones(q);
      if (r.code !== 0) {
        this.setData({ searching: false, results: [], searchError: messageOf(r) });
        return;
      }
      this.setData({ searching: false, results: r.data.items.slice(0, 20).map((z) => ({ id: z._id, name: z.name })) });
    },
    onPickResult(e: WechatMiniprogram.TouchEvent) {
      const { id, name } = e.currentTarget.dataset as { id: string; name: string };
      this.setZone({ _id: id, name, sceneId: '' });
    },
    setZone(z: ZoneView) {
      this.setData({ zone: { id: z._id, name: z.name }, results: [], query: '', category: '', checklist: [] });
    },
    /** Opens the findings lists: waiting for my verification, or the ones I logged. */
    onLists(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/inspector/findings/index?tab=${String(e.currentTarget.dataset.tab)}` });
    },
    onChangeZone() {
      this.setData({ zone: null, form: null });
    },
    onCategory(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.code);
      this.setData({ category: code, checklist: (CHECKLISTS[code] ?? []).map((text) => ({ text, logged: '' })) });
    },
    onLog(e: WechatMiniprogram.TouchEvent) {
      const { index, kind } = e.currentTarget.dataset as { index: number; kind: 'problem' | 'positive' };
      const item = this.data.checklist[Number(index)]?.text ?? '';
      this.setData({
        form: { index: Number(index), kind, item },
        severity: DEFAULT_SEVERITY[this.data.category] ?? 'minor',
        description: kind === 'problem' ? `不符合：${item}` : `做得好：${item}`,
        photos: [],
        uploading: false,
        formError: '',
      });
    },
    onSeverity(e: WechatMiniprogram.TouchEvent) {
      this.setData({ severity: String(e.currentTarget.dataset.value) });
    },
    onDescription(e: WechatMiniprogram.Input) {
      this.setData({ description: e.detail.value, formError: '' });
    },
    onPhotos(e: WechatMiniprogram.CustomEvent<{ fileIDs: string[]; uploading: boolean }>) {
      this.setData({ photos: e.detail.fileIDs, uploading: e.detail.uploading });
    },
    onCloseForm() {
      this.setData({ form: null });
    },
    async onSubmit() {
      const d = this.data;
      if (!d.form || !d.zone || d.busy) return;
      const description = d.description.trim();
      const hint = d.uploading
        ? '照片还在上传'
        : !description
          ? '请填写情况说明'
          : description.length > LIMITS.findingText
            ? '说明最多 500 字'
            : '';
      if (hint) {
        this.setData({ formError: hint });
        return;
      }
      // CreateFindingRequest (shared/tickets/ticket.requests.schema.ts).
      const payload = {
        zoneId: d.zone.id,
        categoryCode: d.category,
        severity: d.severity,
        description,
        photos: d.photos,
        checklistItem: d.form.item.slice(0, 100),
        kind: d.form.kind,
      };
      this.setData({ busy: true, formError: '' });
      const r = await callFunction<{ ticketId: string; no: string }>('tickets', 'createFinding', payload);
      if (r.code !== 0) {
        this.setData({ busy: false, formError: messageOf(r) });
        return;
      }
      wx.showToast({ title: d.form.kind === 'problem' ? `已记录 ${r.data.no}` : '已记录典型', icon: 'success' });
      this.setData({ busy: false, form: null, [`checklist[${d.form.index}].logged`]: d.form.kind, logged: d.logged + 1 });
    },
  },
});
