/**
 * Admin: zones by name, 20 a page, searched by name (or scene id) and filtered by unit and campus; each with
 * its place, unit, responsible people and whether it takes reports. A zone opens its edit page; a saved edit
 * comes back through the event channel and replaces its row by path.
 */
import { privateState } from '../../../services/instance';
import { LIST_DATA, LIST_METHODS, reload, replaceItem } from '../../../services/paged-list';
import type { AdminZoneRow } from '../../../shared/contract';
import { admin, adminMessage, KIND_LABELS } from '../org.view';

export type ZoneRow = AdminZoneRow;
type ZoneItem = { id: string; name: string; kind: string; place: string; unit: string; duty: string; sceneId: string; active: boolean };
type Option = { id: string; name: string };

const own = privateState(() => ({ units: [] as Option[], campuses: [] as Option[] }));

/** `null` → "全部" in a filter picker; the first option is always "全部". */
const ALL: Option = { id: '', name: '全部' };

Component({
  data: {
    ...LIST_DATA,
    q: '',
    unitNames: ['全部单位'] as string[],
    unitIndex: 0,
    campusNames: ['全部校区'] as string[],
    campusIndex: 0,
    filtersError: '',
  },
  methods: {
    onLoad() {
      void reload(this);
      void this.loadFilters();
    },
    ...LIST_METHODS,
    /** Units and campuses for the two filters (a failure leaves the filters at "全部"). */
    async loadFilters() {
      const [units, campuses] = await Promise.all([admin('units'), admin('zones', { kind: 'campus' })]);
      if (units.code !== 0 || campuses.code !== 0) {
        this.setData({ filtersError: adminMessage(units.code !== 0 ? units : campuses) });
        return;
      }
      const st = own(this);
      st.units = [ALL, ...units.data.items.map((u) => ({ id: u._id, name: u.name }))];
      st.campuses = [ALL, ...campuses.data.items.map((c) => ({ id: c._id, name: c.name }))];
      this.setData({
        unitNames: ['全部单位', ...units.data.items.map((u) => u.name)],
        campusNames: ['全部校区', ...campuses.data.items.map((c) => c.name)],
        filtersError: '',
      });
    },
    fetchPage(cursor: string | undefined) {
      const st = own(this);
      const payload: Record<string, unknown> = {};
      const q = this.data.q.trim();
      if (q) payload.q = q.slice(0, 30);
      const unitId = st.units[this.data.unitIndex]?.id;
      if (unitId) payload.unitId = unitId;
      const campusId = st.campuses[this.data.campusIndex]?.id;
      if (campusId) payload.campusId = campusId;
      if (cursor) payload.cursor = cursor;
      return admin('zones', payload);
    },
    toItem(row: ZoneRow): ZoneItem {
      const r = row.responsible;
      const duty = [r.primary ? `负责 ${r.primary.name}` : '未设负责人', r.backup ? `备岗 ${r.backup.name}` : '']
        .filter(Boolean)
        .join(' · ');
      return {
        id: row._id,
        name: row.name,
        kind: KIND_LABELS[row.kind] ?? row.kind,
        place: row.pathNames.length > 0 ? row.pathNames.join(' · ') : '校区',
        unit: row.unitName ?? '未知单位',
        duty,
        sceneId: row.sceneId,
        active: row.active,
      };
    },
    onQuery(e: WechatMiniprogram.Input) {
      this.setData({ q: e.detail.value });
    },
    onSearch() {
      this.setData({ items: [], status: 'loading' });
      void reload(this);
    },
    onClearQuery() {
      this.setData({ q: '', items: [], status: 'loading' });
      void reload(this);
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitIndex: Number(e.detail.value), items: [], status: 'loading' });
      void reload(this);
    },
    onCampus(e: WechatMiniprogram.PickerChange) {
      this.setData({ campusIndex: Number(e.detail.value), items: [], status: 'loading' });
      void reload(this);
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      this.openZone(`/packages/admin/zone/index?id=${e.currentTarget.dataset.id}`);
    },
    onNewCampus() {
      this.openZone('/packages/admin/zone/index?kind=campus');
    },
    /** Opens the edit page; a saved zone replaces its row, a created one reloads the list. */
    openZone(url: string) {
      wx.navigateTo({
        url,
        events: {
          saved: (row: ZoneRow) => replaceItem(this, row),
          created: () => void reload(this),
        },
      });
    },
  },
});
