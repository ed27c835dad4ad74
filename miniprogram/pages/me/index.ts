/**
 * 我的: who I am (name, roles and their units), on duty (staff and managers), 提醒设置 (how many reminders of
 * each kind are left, and a tap to add one), the privacy contract, and whom to call. A local build also has the
 * local-mode switch and the demo identities (WeChat DevTools against `npm start`); the release package has
 * neither (config.ts `localBuild`, scripts/miniprogram-build.ts).
 */
import { CONFIG } from '../../config';
import { callFunction, listIdentities, requestSubscribe } from '../../services/api';
import { messageOf } from '../../services/reply';
import { isLocalMode, type LocalIdentity, localIdentity, type Role, setLocalIdentity, setLocalMode } from '../../services/session';
import { ROLE_LABELS, TEMPLATE_LABELS, type TemplateName } from '../../shared/contract';

type Binding = { role: string; unitId?: string; level?: 'office' | 'centre' };
type Me = {
  roles: Role[];
  bindings: readonly Binding[];
  name: string | null;
  registered: boolean;
  unitNames?: Record<string, string>;
  onDuty?: boolean;
  reminders?: Record<TemplateName, number>;
};

/** Role names as everywhere else (the contract's one table). */
const ROLE_NAMES: Readonly<Record<string, string>> = ROLE_LABELS;

/** The reminders each role needs, in the order they matter to it. */
const REMINDERS_FOR: Record<Role, TemplateName[]> = {
  reporter: ['rectified'],
  staff: ['assigned', 'escalation'],
  manager: ['managerAlert', 'escalation', 'assigned', 'assetDue'],
  inspector: ['assigned', 'escalation'],
  leader: [],
  admin: ['managerAlert'],
  volunteer: [],
};

/** Who sees 固定资产 on 我的: the roles the assets function serves (students and leaders' read-only views aside). */
const ASSET_ROLES: readonly Role[] = ['manager', 'staff', 'inspector', 'admin'];

const bindingText = (b: Binding, units: Record<string, string>) => {
  const role = b.role === 'inspector' ? (b.level === 'office' ? '总务部巡查员' : '中心巡查员') : (ROLE_NAMES[b.role] ?? '');
  return b.unitId && units[b.unitId] ? `${units[b.unitId]} · ${role}` : role;
};

Component({
  data: {
    localBuild: CONFIG.localBuild,
    local: false,
    current: '',
    identities: [] as LocalIdentity[],
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    errorText: '',
    meStatus: 'loading' as 'loading' | 'ready' | 'error',
    name: '',
    roleLines: [] as string[],
    dutyShown: false,
    /** 固定资产: for the people who keep, verify or oversee assets (managers, staff as custodians, inspectors, admins). */
    assetsShown: false,
    onDuty: true,
    reminders: [] as Array<{ key: TemplateName; label: string; left: number }>,
    contact: CONFIG.contact,
  },
  methods: {
    onLoad() {
      this.refresh();
    },
    onShow() {
      if (this.data.meStatus !== 'loading') void this.loadMe();
    },
    refresh() {
      const local = isLocalMode();
      this.setData({ local, current: localIdentity()?.openid ?? '' });
      if (local) void this.loadIdentities();
      void this.loadMe();
    },
    async loadMe() {
      const r = await callFunction('org', 'me');
      if (r.code !== 0) {
        this.setData({ meStatus: 'error' });
        return;
      }
      const me: Me = { ...r.data, roles: r.data?.roles ?? ['reporter'], bindings: r.data?.bindings ?? [] };
      const units = me.unitNames ?? {};
      const wanted = [...new Set(me.roles.flatMap((role) => REMINDERS_FOR[role] ?? []))];
      this.setData({
        meStatus: 'ready',
        name: me.name ?? (me.registered ? '' : '同学 / 老师'),
        roleLines: me.bindings.length > 0 ? me.bindings.map((b) => bindingText(b, units)) : ['可以扫码反馈问题、给服务打分'],
        dutyShown: me.roles.includes('staff') || me.roles.includes('manager'),
        assetsShown: me.roles.some((r) => ASSET_ROLES.includes(r)),
        onDuty: me.onDuty !== false,
        reminders: wanted.map((key) => ({ key, label: TEMPLATE_LABELS[key], left: me.reminders?.[key] ?? 0 })),
      });
    },
    async onDuty(e: WechatMiniprogram.SwitchChange) {
      const on = e.detail.value;
      // Going on duty is when new tasks start coming: ask for the reminders they need.
      if (on) void requestSubscribe(['assigned', 'escalation']);
      this.setData({ onDuty: on });
      const r = await callFunction('org', 'setOnDuty', { onDuty: on });
      if (r.code !== 0) {
        this.setData({ onDuty: !on });
        wx.showToast({ title: messageOf(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: on ? '已在岗，新任务会派给你' : '已离岗，新任务会派给同事', icon: 'none' });
    },
    async onAddReminder(e: WechatMiniprogram.TouchEvent) {
      const key = String(e.currentTarget.dataset.key) as TemplateName;
      const accepted = await requestSubscribe([key]);
      if (accepted.length === 0) {
        wx.showToast({ title: '未开启：这类消息将无法送达', icon: 'none' });
        return;
      }
      await this.loadMe();
    },
    onPrivacy() {
      wx.openPrivacyContract({});
    },
    onCall() {
      wx.makePhoneCall({ phoneNumber: this.data.contact.phone });
    },
    async loadIdentities() {
      this.setData({ status: 'loading' });
      const r = await listIdentities();
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: `${messageOf(r)}（请先在项目目录运行 npm start）` });
        return;
      }
      this.setData({ status: 'ready', identities: r.data });
    },
    onRetry() {
      void this.loadIdentities();
    },
    onPick(e: WechatMiniprogram.TouchEvent) {
      const picked = this.data.identities[Number(e.currentTarget.dataset.index)];
      if (!picked) return;
      setLocalIdentity(picked);
      this.setData({ current: picked.openid });
      wx.reLaunch({ url: '/pages/home/index' });
    },
    /** Forgets the demo identity: the next call gets a fresh one, as a first-time WeChat user would. */
    onNewUser() {
      setLocalIdentity(null);
      this.setData({ current: '' });
      wx.reLaunch({ url: '/pages/home/index' });
    },
    onInvite() {
      wx.navigateTo({ url: '/pages/invite/index' });
    },
    onAssets() {
      wx.navigateTo({ url: '/packages/assets/unit/index' });
    },
    onToggleLocal(e: WechatMiniprogram.SwitchChange) {
      setLocalMode(e.detail.value);
      this.refresh();
    },
  },
});
