import { CONFIG } from './config';
import { isLocalMode } from './services/session';

App({
  onLaunch() {
    // Local mode never touches wx.cloud; cloud mode initialises it lazily in services/api.ts as well.
    if (!isLocalMode() && wx.cloud) wx.cloud.init({ env: CONFIG.envId, traceUser: true });
  },
});
