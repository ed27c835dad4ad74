/**
 * Patrol mode: pick a zone (scan its code or its poster, or search), walk a category's checklist, and log a
 * finding or a positive example with photos in a few taps. Every category can be logged: one without a
 * checklist offers a single free item. Filing asks for the reminder that the finding is ready to verify.
 */

import { callFunction, requestSubscribe, searchZones, type ZoneView, zoneByScene } from '../../../services/api';
import { type CategoryItem, knownCategories, loadCategories } from '../../../services/categories';
import { LIMITS, SEVERITY_LABELS } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { messageOf } from '../../../services/reply';
import type { InputOf, Severity } from '../../../shared/contract';

type CheckItem = { text: string; logged: '' | 'problem' | 'positive' };

const SEVERITIES = ['minor', 'major', 'critical'].map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));

// The categories in full (checklists and default severities stay out of `data`).
const own = privateState(() => ({ categories: [] as readonly CategoryItem[] }));

/** What a category without a checklist offers: one item the inspector describes. */
const FREE_ITEM = '其他情况（请在说明中描述）';

Component({
  data: {
    zone: null as null | { id: string; name: string },
    /** The scanned scene, when the page was opened from a code (a poster). */
    scene: '',
    query: '',
    searching: false,
    results: [] as Array<{ id: string; name: string }>,
    searchError: '',
    categories: [] as Array<{ code: string; name: string }>,
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
    /** The clauses of contracts in force covering the zone (contracts.clauses); a problem may cite one. */
    clauses: [] as Array<{ code: string; label: string }>,
    clause: '',
  },
  methods: {
    onLoad(options: { scene?: string }) {
      this.showCategories(knownCategories());
      // One call after the other: a first-time local-mode user gets one device identity, not two.
      void (async () => {
        if (options.scene) {
          this.setData({ scene: decodeURIComponent(options.scene) });
          await this.pickByScene(decodeURIComponent(options.scene));
        }
        await this.refreshCategories();
      })();
    },
    showCategories(items: readonly CategoryItem[]) {
      const list = [...items];
      own(this).categories = list;
      this.setData({ categories: list.map(({ code, name }) => ({ code, name })) });
    },
    /** Loads the configured categories; the known ones stay when the call fails. */
    async refreshCategories() {
      const { items, fresh } = await loadCategories();
      if (!fresh) return;
      this.showCategories(items);
      // A checklist already open is left as it is: items may have been logged from it.
      if (this.data.category && !own(this).categories.some((c) => c.code === this.data.category)) {
        this.setData({ category: '', checklist: [] });
      }
    },
    categoryOf(code: string): CategoryItem | undefined {
      return own(this).categories.find((c) => c.code === code);
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
      this.setZone({ _id: id, name });
    },
    setZone(z: Pick<ZoneView, '_id' | 'name'>) {
      this.setData({ zone: { id: z._id, name: z.name }, results: [], query: '', category: '', checklist: [], clauses: [], clause: '' });
      void this.loadClauses(z._id);
    },
    /** The zone's contract clauses; a zone no contract covers (or a failed call) offers none and the form works as before. */
    async loadClauses(zoneId: string) {
      // contracts is not yet in `Contracts` (shared/contract/index.ts): called as the contracts pages call it.
      const r = await callFunction('contracts', 'clauses', { zoneId });
      if (r.code !== 0 || this.data.zone?.id !== zoneId) return;
      this.setData({ clauses: r.data.items.map((c) => ({ code: c.code, label: `${c.code} ${c.what}` })) });
    },
    onClause(e: WechatMiniprogram.TouchEvent) {
      this.setData({ clause: String(e.currentTarget.dataset.code ?? '') });
    },
    /** Opens the findings lists: waiting for my verification, or the ones I logged. */
    onLists(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/inspector/findings/index?tab=${String(e.currentTarget.dataset.tab)}` });
    },
    /** The same code, as anyone would use it: the report form. */
    onAsReporter() {
      wx.navigateTo({ url: `/pages/report/index?scene=${encodeURIComponent(this.data.scene)}&as=reporter` });
    },
    onChangeZone() {
      this.setData({ zone: null, form: null });
    },
    onCategory(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.code);
      const listed = this.categoryOf(code)?.checklist ?? [];
      const checklist = listed.length > 0 ? listed : [FREE_ITEM];
      this.setData({ category: code, checklist: checklist.map((text) => ({ text, logged: '' })) });
    },
    onLog(e: WechatMiniprogram.TouchEvent) {
      const { index, kind } = e.currentTarget.dataset as { index: number; kind: 'problem' | 'positive' };
      const item = this.data.checklist[Number(index)]?.text ?? '';
      this.setData({
        form: { index: Number(index), kind, item },
        severity: this.categoryOf(this.data.category)?.defaultSeverity ?? 'minor',
        description: item === FREE_ITEM ? '' : kind === 'problem' ? `不符合：${item}` : `做得好：${item}`,
        photos: [],
        uploading: false,
        formError: '',
        clause: '',
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
      const payload: InputOf<'tickets', 'createFinding'> = {
        zoneId: d.zone.id,
        categoryCode: d.category,
        severity: d.severity as Severity,
        description,
        photos: d.photos,
        ...(d.form.item === FREE_ITEM ? {} : { checklistItem: d.form.item.slice(0, 100) }),
        kind: d.form.kind,
        ...(d.form.kind === 'problem' && d.clause ? { clauseCode: d.clause } : {}),
      };
      this.setData({ busy: true, formError: '' });
      // Inside the tap: the reminder that the finding is rectified and waits for verification.
      const asked = d.form.kind === 'problem' ? requestSubscribe(['rectified', 'escalation']) : Promise.resolve([]);
      const r = await callFunction('tickets', 'createFinding', payload);
      await asked;
      if (r.code !== 0) {
        this.setData({ busy: false, formError: messageOf(r) });
        return;
      }
      wx.showToast({ title: d.form.kind === 'problem' ? `已记录 ${r.data.no}` : '已记录典型', icon: 'success' });
      this.setData({ busy: false, form: null, [`checklist[${d.form.index}].logged`]: d.form.kind, logged: d.logged + 1 });
    },
  },
});
