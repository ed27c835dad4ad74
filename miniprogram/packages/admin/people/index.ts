/**
 * Admin: people and invite codes, one tab each (one list at a time, 20 a page).
 * People: searched by name or phone and filtered by role and unit, each with role chips and duty status;
 * tapping one opens a sheet to edit name, phone, roles (with their units), duty and whether they are active.
 * Invites: a form that creates a code for some roles in a unit, shown large and copyable, and the list of
 * codes with their uses and status; an active one can be revoked.
 */
import { saveRemoteImage } from '../../../services/documents';
import { formatTime } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { LIST_DATA, LIST_METHODS, loadedRows, type Page, reload, replaceItem } from '../../../services/paged-list';
import type { MessageOverrides, Reply } from '../../../services/reply';
import type { InputOf, InviteRow as InviteReply, PersonRow } from '../../../shared/contract';
import {
  admin,
  adminMessage,
  bindingLabel,
  groupCode,
  ROLE_LABELS,
  type RoleBinding,
  type RoleName,
  shanghaiDate,
  type Unit,
} from '../org.view';

export type { PersonRow };
/** An invite as listed: keyed by its code, which the list also carries as `_id` (see fetchPage). */
export type InviteRow = InviteReply & { _id: string };
type Chip = { label: string; tone: string };
type PersonItem = { id: string; name: string; phone: string; chips: Chip[]; duty: string; dutyTone: string; self: boolean };
type InviteItem = {
  id: string;
  code: string;
  roles: string;
  unit: string;
  uses: string;
  expires: string;
  status: string;
  tone: string;
  note: string;
  revocable: boolean;
};
type EditRole = { label: string; locked: boolean };

const ROLE_FILTERS: Array<{ value: '' | RoleName; label: string }> = [
  { value: '', label: '全部' },
  ...(['staff', 'manager', 'inspector', 'leader', 'admin'] as const).map((value) => ({ value, label: ROLE_LABELS[value] })),
];
const ADDABLE: RoleName[] = ['staff', 'manager', 'inspector', 'leader', 'admin'];
const INVITE_ROLES = [
  { value: 'staff', label: ROLE_LABELS.staff, hint: '处理本单位场所的问题' },
  { value: 'manager', label: ROLE_LABELS.manager, hint: '看板、改派、接收升级' },
  { value: 'inspector', label: ROLE_LABELS.inspector, hint: '巡查记录、验收（总务部或中心）' },
  { value: 'volunteer', label: ROLE_LABELS.volunteer, hint: '学生或教职工参与巡查，线索经核实后计入' },
] as const;
const DAYS = [1, 3, 7, 30];
const USES = [1, 5, 10, 50];
const STATUS: Record<InviteRow['status'], [string, string]> = {
  active: ['可使用', 'ok'],
  used_up: ['已用完', 'muted'],
  expired: ['已过期', 'muted'],
  revoked: ['已作废', 'danger'],
};
const ROLE_TONES: Record<RoleName, string> = {
  staff: 'info',
  manager: 'warn',
  inspector: 'ok',
  leader: 'muted',
  admin: 'danger',
  volunteer: 'info',
};
const SAVE_MESSAGES: MessageOverrides = { 'ADMIN.NOT_UNIT_STAFF': '此人仍是该单位场所的负责人，请先在「场所与二维码」中交接' };

/** Units for names and pickers; the roles being edited and whose they are. */
const own = privateState(() => ({ units: [] as Unit[], roles: [] as RoleBinding[], editId: '', deleteVersion: -1 }));

Component({
  data: {
    ...LIST_DATA,
    tab: 'people' as 'people' | 'invites',
    q: '',
    roleFilters: ROLE_FILTERS,
    roleIndex: 0,
    unitFilterNames: ['全部单位'] as string[],
    unitFilterIndex: 0,
    unitNames: [] as string[],
    unitsError: '',
    // the person sheet
    editing: false,
    edit: { name: '', phone: '', onDuty: true, active: true, self: false },
    editRoles: [] as EditRole[],
    addRoleNames: ADDABLE.map((r) => ROLE_LABELS[r]),
    addRoleIndex: 0,
    addUnitIndex: -1,
    editError: '',
    saving: false,
    /** Deleting the person in the sheet: pending (deactivated, confirm later), in use, or failed. */
    removal: { state: 'idle', text: '', busy: false } as { state: 'idle' | 'pending' | 'inUse' | 'error'; text: string; busy: boolean },
    // the invite form
    inviteRoles: INVITE_ROLES.map((r) => ({ ...r, on: r.value === 'staff' })),
    inviteUnitIndex: -1,
    dayLabels: DAYS.map((d) => `${d} 天`),
    dayIndex: 2,
    useLabels: USES.map((u) => `${u} 次`),
    useIndex: 0,
    note: '',
    inviteError: '',
    creating: false,
    created: null as null | { code: string; grouped: string; roles: string; unit: string; expires: string; uses: number },
    /** The created invite's mini-program code (scanning it opens the invite page with the code filled in). */
    qr: { status: 'idle', url: '', error: '' } as { status: 'idle' | 'loading' | 'ready' | 'error'; url: string; error: string },
  },
  methods: {
    /**
     * The invite card (发给对方): a chat card that opens the invite page with the code filled in, so the person
     * joins in one tap. Anything else shared from this page is the app's home.
     */
    onShareAppMessage(e: { from?: string; target?: { dataset?: { code?: string } } } = {}) {
      const code = e.from === 'button' ? e.target?.dataset?.code : undefined;
      const created = this.data.created;
      if (!code || !created || created.code !== code) return { title: '巡查', path: '/pages/home/index' };
      return {
        title: `邀请您以${created.roles}身份加入${created.unit}（巡查）`,
        path: `/pages/invite/index?code=${encodeURIComponent(code)}`,
      };
    },
    onLoad() {
      void reload(this);
      void this.loadUnits();
    },
    ...LIST_METHODS,
    async loadUnits() {
      const r = await admin('units');
      if (r.code !== 0) {
        this.setData({ unitsError: adminMessage(r) });
        return;
      }
      const st = own(this);
      st.units = r.data.items;
      const names = st.units.map((u) => u.name);
      // Role chips name units: now that names are known, redraw the rows already shown.
      const patch: Record<string, unknown> = { unitNames: names, unitFilterNames: ['全部单位', ...names], unitsError: '' };
      if (this.data.tab === 'people' && this.data.items.length > 0)
        patch.items = loadedRows<PersonRow>(this).map((row) => this.toItem(row));
      this.setData(patch);
    },
    unitName(id: string): string {
      return own(this).units.find((u) => u._id === id)?.name ?? '未知单位';
    },
    async fetchPage(cursor: string | undefined): Promise<Reply<Page<PersonRow | InviteRow>>> {
      if (this.data.tab === 'invites') {
        // Invites are keyed by their code; rows carry it as `_id` so a revoked one replaces its row by path.
        const r = await admin('invites', cursor ? { cursor } : {});
        return r.code === 0 ? { code: 0, data: { ...r.data, items: r.data.items.map((i) => ({ ...i, _id: i.code })) } } : r;
      }
      const payload: InputOf<'admin', 'people'> = {};
      const q = this.data.q.trim();
      if (q) payload.q = q.slice(0, 30);
      const role = ROLE_FILTERS[this.data.roleIndex].value;
      // Volunteers are listed unfiltered: the people query filters by the five staff roles (volunteers join by invite).
      if (role && role !== 'volunteer') payload.role = role;
      const unit = own(this).units[this.data.unitFilterIndex - 1];
      if (unit) payload.unitId = unit._id;
      if (cursor) payload.cursor = cursor;
      return admin('people', payload);
    },
    toItem(row: PersonRow | InviteRow): PersonItem | InviteItem {
      if (this.data.tab === 'invites') return this.inviteItem(row as InviteRow);
      const p = row as PersonRow;
      const chips = p.roles.map((b) => ({ label: bindingLabel(b, (id) => this.unitName(id)), tone: ROLE_TONES[b.role] }));
      const [duty, dutyTone] = !p.active ? ['已停用', 'danger'] : p.onDuty ? ['在岗', 'ok'] : ['休息', 'muted'];
      return { id: p._id, name: p.name, phone: p.phone ?? '', chips, duty, dutyTone, self: p.self };
    },
    inviteItem(i: InviteReply): InviteItem {
      const [status, tone] = STATUS[i.status];
      return {
        id: i.code,
        code: groupCode(i.code),
        roles: i.roles.map((r) => ROLE_LABELS[r]).join('、'),
        unit: i.unitName ?? '未知单位',
        uses: `已用 ${i.uses}/${i.maxUses}`,
        expires: `${shanghaiDate(i.expiresAt)} 到期`,
        status,
        tone,
        note: i.note ?? '',
        revocable: i.status === 'active',
      };
    },

    // ---- tabs and filters
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.tab as 'people' | 'invites';
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], status: 'loading', ended: false, loadingMore: false, moreError: false });
      void reload(this);
    },
    onQuery(e: WechatMiniprogram.Input) {
      this.setData({ q: e.detail.value });
    },
    onSearch() {
      this.setData({ items: [], status: 'loading' });
      void reload(this);
    },
    onRoleFilter(e: WechatMiniprogram.TouchEvent) {
      this.setData({ roleIndex: Number(e.currentTarget.dataset.index), items: [], status: 'loading' });
      void reload(this);
    },
    onUnitFilter(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitFilterIndex: Number(e.detail.value), items: [], status: 'loading' });
      void reload(this);
    },

    // ---- the person sheet
    onOpenPerson(e: WechatMiniprogram.TouchEvent) {
      const row = loadedRows<PersonRow>(this).find((p) => p._id === e.currentTarget.dataset.id);
      if (!row) return;
      own(this).roles = [...row.roles];
      own(this).editId = row._id;
      this.setData({
        editing: true,
        edit: { name: row.name, phone: row.phone ?? '', onDuty: row.onDuty, active: row.active, self: row.self },
        editError: '',
        addUnitIndex: -1,
        removal: { state: 'idle', text: '', busy: false },
      });
      own(this).deleteVersion = row.version;
      this.showRoles(row.self);
    },
    showRoles(self: boolean) {
      const roles = own(this).roles;
      this.setData({
        editRoles: roles.map((b) => ({ label: bindingLabel(b, (id) => this.unitName(id)), locked: self && b.role === 'admin' })),
      });
    },
    onCloseEdit() {
      this.setData({ editing: false });
    },
    onEditField(e: WechatMiniprogram.Input) {
      this.setData({ [`edit.${e.currentTarget.dataset.field}`]: e.detail.value, editError: '' });
    },
    onEditSwitch(e: WechatMiniprogram.SwitchChange) {
      this.setData({ [`edit.${e.currentTarget.dataset.field}`]: e.detail.value, editError: '' });
    },
    onRemoveRole(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.editRoles[i]?.locked) return;
      own(this).roles.splice(i, 1);
      this.showRoles(this.data.edit.self);
    },
    onAddRolePick(e: WechatMiniprogram.PickerChange) {
      this.setData({ addRoleIndex: Number(e.detail.value), editError: '' });
    },
    onAddUnitPick(e: WechatMiniprogram.PickerChange) {
      this.setData({ addUnitIndex: Number(e.detail.value), editError: '' });
    },
    /** Adds the picked role (with the picked unit where the role needs one) to the sheet's roles. */
    onAddRole() {
      const role = ADDABLE[this.data.addRoleIndex];
      const unit = own(this).units[this.data.addUnitIndex];
      let binding: RoleBinding;
      if (role === 'leader' || role === 'admin') binding = { role };
      else if (!unit) {
        this.setData({ editError: '请先选择单位' });
        return;
      } else if (role === 'inspector') {
        if (unit.kind === 'contractor') {
          this.setData({ editError: '巡查员只能属于总务部或服务中心' });
          return;
        }
        binding = unit.kind === 'office' ? { role, level: 'office' } : { role, level: 'centre', unitId: unit._id };
      } else binding = { role, unitId: unit._id };
      const roles = own(this).roles;
      const key = JSON.stringify(binding);
      if (!roles.some((b) => JSON.stringify(b) === key)) roles.push(binding);
      this.showRoles(this.data.edit.self);
    },
    async onSavePerson() {
      if (this.data.saving) return;
      const id = own(this).editId;
      const row = loadedRows<PersonRow>(this).find((p) => p._id === id);
      if (!row) return;
      const e = this.data.edit;
      const name = e.name.trim();
      const phone = e.phone.trim();
      if (!name) {
        this.setData({ editError: '请填写姓名' });
        return;
      }
      if (phone && !/^\+?[0-9-]{5,20}$/.test(phone)) {
        this.setData({ editError: '电话格式不正确' });
        return;
      }
      this.setData({ saving: true, editError: '' });
      const r = await admin('savePerson', {
        id,
        version: row.version,
        name: name.slice(0, 40),
        phone: phone || null,
        roles: own(this).roles,
        onDuty: e.onDuty,
        active: e.active,
      });
      this.setData({ saving: false });
      if (r.code !== 0) {
        this.setData({ editError: adminMessage(r, SAVE_MESSAGES) });
        return;
      }
      replaceItem(this, r.data);
      this.setData({ editing: false });
      wx.showToast({ title: '已保存', icon: 'success' });
    },

    /** Delete: only someone who never did anything; the first step deactivates, the second (after the grace) deletes. */
    onDeletePerson() {
      if (this.data.removal.busy || this.data.edit.self) return;
      wx.showModal({
        title: '删除人员',
        content: `仅从未参与过任何工作的人员可以删除。「${this.data.edit.name}」将先停用，约 1 分半钟后确认再删除。`,
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
      const st = own(this);
      this.setData({ 'removal.busy': true });
      const r = await admin('deletePerson', { id: st.editId, version: st.deleteVersion });
      if (r.code !== 0) {
        this.setData({ removal: { state: r.code === 'ADMIN.IN_USE' ? 'inUse' : 'error', text: adminMessage(r), busy: false } });
        if (r.code === 'ADMIN.IN_USE') void reload(this);
        return;
      }
      if (r.data.state === 'deleted') {
        this.setData({ editing: false, removal: { state: 'idle', text: '', busy: false } });
        wx.showToast({ title: '已删除', icon: 'success' });
        void reload(this);
        return;
      }
      st.deleteVersion = r.data.version;
      const ready = r.data.readyAt ? formatTime(r.data.readyAt).slice(6) : '';
      this.setData({
        'edit.active': false,
        removal: { state: 'pending', text: `已停用，未发现使用记录。请在 ${ready} 之后点击“完成删除”。`, busy: false },
      });
    },

    // ---- invites
    onInviteRole(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`inviteRoles[${i}].on`]: !this.data.inviteRoles[i].on, inviteError: '' });
    },
    onInviteUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ inviteUnitIndex: Number(e.detail.value), inviteError: '' });
    },
    onDays(e: WechatMiniprogram.PickerChange) {
      this.setData({ dayIndex: Number(e.detail.value) });
    },
    onUses(e: WechatMiniprogram.PickerChange) {
      this.setData({ useIndex: Number(e.detail.value) });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value });
    },
    async onCreateInvite() {
      if (this.data.creating) return;
      const roles = this.data.inviteRoles.filter((r) => r.on).map((r) => r.value);
      const unit = own(this).units[this.data.inviteUnitIndex];
      const hint = roles.length === 0 ? '请至少选择一个角色' : !unit ? '请选择单位' : '';
      if (hint) {
        this.setData({ inviteError: hint });
        return;
      }
      const payload: InputOf<'admin', 'createInvite'> = {
        roles,
        unitId: unit._id,
        expiresInDays: DAYS[this.data.dayIndex],
        maxUses: USES[this.data.useIndex],
      };
      const note = this.data.note.trim();
      if (note) payload.note = note.slice(0, 40);
      this.setData({ creating: true, inviteError: '' });
      const r = await admin('createInvite', payload);
      this.setData({ creating: false });
      if (r.code !== 0) {
        this.setData({ inviteError: adminMessage(r) });
        return;
      }
      const item = this.inviteItem(r.data);
      this.setData({
        created: { code: r.data.code, grouped: item.code, roles: item.roles, unit: item.unit, expires: item.expires, uses: r.data.maxUses },
        qr: { status: 'idle', url: '', error: '' },
        note: '',
      });
      void reload(this);
    },
    onCopyCode() {
      const code = this.data.created?.code;
      if (code) wx.setClipboardData({ data: code });
    },
    onCloseCreated() {
      this.setData({ created: null, qr: { status: 'idle', url: '', error: '' } });
    },
    async onInviteQr() {
      const code = this.data.created?.code;
      if (!code || this.data.qr.status === 'loading') return;
      this.setData({ qr: { status: 'loading', url: '', error: '' } });
      const r = await admin('inviteCode', { code });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ qr: { status: 'error', url: '', error: r.code !== 0 ? adminMessage(r) : '二维码地址获取失败，请重试' } });
        return;
      }
      this.setData({ qr: { status: 'ready', url: r.data.url, error: '' } });
    },
    onPreviewQr() {
      const url = this.data.qr.url;
      if (url) wx.previewImage({ urls: [url], current: url });
    },
    /** Saves the code to the album (to print or forward as a picture). */
    onSaveQr() {
      const url = this.data.qr.url;
      if (!url) return;
      saveRemoteImage(url);
    },
    onRevoke(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.id);
      wx.showModal({
        title: '作废邀请码',
        content: `作废后 ${groupCode(code)} 将无法再使用，已加入的人员不受影响。`,
        confirmText: '作废',
        confirmColor: '#cf222e',
        success: async (res) => {
          if (!res.confirm) return;
          const r = await admin('revokeInvite', { code });
          if (r.code !== 0) {
            wx.showToast({ title: adminMessage(r), icon: 'none' });
            return;
          }
          replaceItem(this, { ...r.data, _id: r.data.code });
          wx.showToast({ title: '已作废', icon: 'success' });
        },
      });
    },
  },
});
