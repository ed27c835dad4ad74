import { seedIfEmpty } from '../../scripts/local-cloud/seed';
import { startLocalCloud } from '../helpers/local-cloud';

process.env.XUNCHA_LOG_QUIET = '1';

describe('the demo campus', () => {
  it('gives every escalation level somebody to notify, as the admins’ recipient check confirms', async () => {
    // Prepare
    const cloud = await startLocalCloud();
    try {
      await seedIfEmpty(cloud);

      // Act
      const check = await cloud.host.invoke('escalation', { action: 'recipientCheck' }, { source: 'wx_client', openid: 'demo-admin' });

      // Assess: the office (the 200 % level) has a manager, and so does every centre and contractor
      expect(check).toEqual({ code: 0, data: { ok: true, gaps: [] } });
    } finally {
      await cloud.close();
    }
  });
});
