/**
 * Settings. In local mode (WeChat DevTools against `npm start`) this is where a demo identity is chosen; the
 * switcher does not exist in cloud mode, where WeChat itself says who the user is.
 */
import { listIdentities } from '../../services/api';
import { messageOf } from '../../services/reply';
import { isLocalMode, type LocalIdentity, localIdentity, setLocalIdentity, setLocalMode } from '../../services/session';

Component({
  data: {
    local: false,
    current: '',
    identities: [] as LocalIdentity[],
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    errorText: '',
  },
  methods: {
    onLoad() {
      this.refresh();
    },
    refresh() {
      const local = isLocalMode();
      this.setData({ local, current: localIdentity()?.openid ?? '' });
      if (local) void this.loadIdentities();
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
    onToggleLocal(e: WechatMiniprogram.SwitchChange) {
      setLocalMode(e.detail.value);
      this.refresh();
    },
  },
});
