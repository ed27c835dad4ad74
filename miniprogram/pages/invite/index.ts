/**
 * A WeChat user enters an invite code from an admin and becomes staff, a manager or an inspector
 * (`org.redeemInvite`: who they are comes from WeChat, never from this page). A first-time user also gives
 * their name, which colleagues see. On success the new roles show, and home opens with the new entries.
 */
import { callFunction } from '../../services/api';
import { messageOf, type Reply } from '../../services/reply';
import type { InputOf } from '../../shared/contract';

type Redeemed = { roles: string[]; name: string; redeemed: boolean };

/** The invite alphabet (shared/org/invite.ts): no 0/O or 1/I. */
const CODE_RE = /^[23456789A-HJ-NP-Z]{8}$/;
const ROLE_LABELS: Record<string, string> = {
  staff: '员工',
  manager: '单位负责人',
  inspector: '巡查员',
  leader: '校领导',
  admin: '管理员',
};

const MESSAGES: Record<string, string> = {
  'INVITE.NOT_FOUND': '邀请码不存在，请核对后重新输入',
  'INVITE.REVOKED': '该邀请码已被作废，请联系管理员',
  'INVITE.EXPIRED': '该邀请码已过期，请联系管理员重新发放',
  'INVITE.USED_UP': '该邀请码的使用次数已用完',
  'INVITE.ACCOUNT_DISABLED': '你的账号已被停用，请联系管理员',
  'INVITE.NAME_REQUIRED': '请填写你的姓名',
  'INVITE.TOO_MANY_ROLES': '你的角色已达上限，请联系管理员',
  'REQUEST.INVALID': '邀请码或姓名格式不正确',
};

/** What the user typed, as the server reads it: upper case, without spaces or hyphens. */
export const normalizeCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

Component({
  data: {
    code: '',
    name: '',
    /** Whether the caller has a person record already (then no name is asked). */
    registered: true,
    checking: true,
    busy: false,
    error: '',
    done: null as null | { name: string; roles: string[]; again: boolean },
  },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      if (options.code) this.setData({ code: normalizeCode(options.code).slice(0, 8) });
      void this.checkRegistered();
    },
    /** A first-time user is asked for a name; `me` failing leaves the field shown (the server asks if needed). */
    async checkRegistered() {
      const r = await callFunction('org', 'me');
      this.setData({ checking: false, registered: r.code === 0 ? r.data.registered : false });
    },
    onCode(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value, error: '' });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, error: '' });
    },
    async onSubmit() {
      if (this.data.busy) return;
      const code = normalizeCode(this.data.code);
      const name = this.data.name.trim();
      const hint = !CODE_RE.test(code) ? '邀请码为 8 位字母和数字' : !this.data.registered && !name ? '请填写你的姓名' : '';
      if (hint) {
        this.setData({ error: hint });
        return;
      }
      this.setData({ busy: true, error: '' });
      const payload: InputOf<'org', 'redeemInvite'> = { code };
      if (name) payload.name = name.slice(0, 40);
      const r: Reply<Redeemed> = await callFunction('org', 'redeemInvite', payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        const code0 = r.code;
        if (code0 === 'INVITE.NAME_REQUIRED') this.setData({ registered: false });
        this.setData({ error: MESSAGES[code0] ?? messageOf(r) });
        return;
      }
      const roles = r.data.roles.filter((x) => x !== 'reporter').map((x) => ROLE_LABELS[x] ?? x);
      this.setData({ done: { name: r.data.name, roles, again: !r.data.redeemed } });
    },
    onHome() {
      wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
