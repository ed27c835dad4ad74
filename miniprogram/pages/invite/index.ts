/**
 * A WeChat user enters an invite code from an admin and becomes staff, a manager or an inspector
 * (`org.redeemInvite`: who they are comes from WeChat, never from this page). A first-time user also gives
 * their name, which colleagues see. Opened from an invite card or by scanning an invite's mini-program code, the
 * code is filled in. On success the new roles show, and home opens with the new entries.
 */
import { callFunction } from '../../services/api';
import { type MessageOverrides, messageOf } from '../../services/reply';
import { INVITE_CODE_RE, type InputOf, ROLE_LABELS } from '../../shared/contract';

/** A form sentence more specific than the general one for an invalid request. */
const OVERRIDES: MessageOverrides = { 'REQUEST.INVALID': '邀请码或姓名格式不正确' };

/** What the user typed, as the server reads it: upper case, without spaces or hyphens. */
export const normalizeCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/**
 * The code an invite arrives with: `?code=` (a shared card) or the scene of its mini-program code (`code=ABCDEFGH`,
 * URL-encoded by WeChat). `codeFromOptions({ scene: 'code%3DABCDEFGH' }) === 'ABCDEFGH'`.
 */
export function codeFromOptions(options: Record<string, string | undefined>): string {
  if (options.code) return normalizeCode(options.code).slice(0, 8);
  if (!options.scene) return '';
  let scene = options.scene;
  try {
    scene = decodeURIComponent(scene);
  } catch {
    return '';
  }
  const m = /(?:^|&)code=([A-Za-z0-9-]{1,16})/.exec(scene);
  return m ? normalizeCode(m[1]).slice(0, 8) : '';
}

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
      const code = codeFromOptions(options);
      if (code) this.setData({ code });
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
      const hint = !INVITE_CODE_RE.test(code) ? '邀请码为 8 位字母和数字' : !this.data.registered && !name ? '请填写你的姓名' : '';
      if (hint) {
        this.setData({ error: hint });
        return;
      }
      this.setData({ busy: true, error: '' });
      const payload: InputOf<'org', 'redeemInvite'> = { code };
      if (name) payload.name = name.slice(0, 40);
      const r = await callFunction('org', 'redeemInvite', payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        const code0 = r.code;
        if (code0 === 'INVITE.NAME_REQUIRED') this.setData({ registered: false });
        this.setData({ error: messageOf(r, OVERRIDES) });
        return;
      }
      const roles = r.data.roles.filter((x) => x !== 'reporter').map((x) => ROLE_LABELS[x as keyof typeof ROLE_LABELS] ?? x);
      this.setData({ done: { name: r.data.name, roles, again: !r.data.redeemed } });
    },
    onHome() {
      wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
