/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * An admin issues an invite and shows its QR code for the new colleague to scan; scanning opens the invite page
 * with the code filled in — the real people and invite pages, calling the real admin and org functions.
 */
import '../helpers/node-globals';
import QRCode from 'qrcode';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, startWithFixtures } from '../../cloudfunctions/fixtures';
import { download, invokeAs, settle, textOf } from '../helpers/real-page';
import { setup } from '../helpers/sim';

describe('an invite’s QR code, on the real backend', () => {
  let cloud: Cloud;

  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('shows the new invite’s code, which opens the invite page with the code, and saves it to the album', async () => {
    // Arrange: an invite for the cleaning contractor's staff, made on the page.
    const sim = setup({ backend: invokeAs(() => cloud, PEOPLE.admin.openid) });
    const saved: string[] = [];
    Object.assign(sim.wx, {
      previewImage: jest.fn(),
      showLoading: jest.fn(),
      hideLoading: jest.fn(),
      downloadFile: jest.fn((o: { url: string; success?: (r: unknown) => void }) =>
        o.success?.({ tempFilePath: `wxfile://tmp/${o.url.length}.png` }),
      ),
      saveImageToPhotosAlbum: jest.fn((o: { filePath: string; success?: () => void }) => {
        saved.push(o.filePath);
        o.success?.();
      }),
    });
    const p = sim.render('packages/admin/people/index');
    p.instance.onLoad();
    await settle();
    p.instance.onTab({ currentTarget: { dataset: { tab: 'invites' } } });
    await settle();
    const unitIndex = p.data.unitNames.indexOf('保洁公司');
    expect(unitIndex).toBeGreaterThanOrEqual(0);
    p.instance.onInviteUnit({ detail: { value: unitIndex } });
    p.querySelector('.people__create').dispatchEvent('tap');
    await settle();
    const code: string = p.data.created.code;

    // Act
    p.querySelector('.people__qr').dispatchEvent('tap');
    await settle();

    // Assess: the image is the mini-program code of the invite page with the code as its scene.
    const url: string = p.data.qr.url;
    expect(p.querySelector('.people__qr-image')).toBeTruthy();
    const png = await download(url);
    const expected = await QRCode.toBuffer(`https://local.xuncha/pages/invite/index?scene=${encodeURIComponent(`code=${code}`)}`, {
      type: 'png',
      width: 430,
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    expect(png.equals(expected)).toBe(true);
    expect(textOf(p, 'people__qr-hint')).toBe('对方用微信扫一扫，即可打开邀请页并自动填好邀请码。');

    // Act: save it.
    p.querySelector('.people__qr-save').dispatchEvent('tap');
    await settle(2);
    expect(saved).toHaveLength(1);
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已保存到相册', icon: 'success' });

    // Act: scanned by the newcomer, WeChat opens the invite page with the scene.
    const joiner = setup({ backend: invokeAs(() => cloud, 'o-newcomer') });
    const invite = joiner.render('pages/invite/index');
    invite.instance.onLoad({ scene: encodeURIComponent(`code=${code}`) });
    await settle();

    // Assess
    expect(invite.data.code).toBe(code);
  });

  it('says in Chinese that a revoked invite has no code', async () => {
    // Arrange
    const as = invokeAs(() => cloud, PEOPLE.admin.openid);
    const created = (await as('admin', 'createInvite', { roles: ['staff'], unitId: 'contractor-clean' })) as { data: { code: string } };
    await as('admin', 'revokeInvite', { code: created.data.code });

    // Act
    const reply = await as('admin', 'inviteCode', { code: created.data.code });

    // Assess
    expect(reply).toMatchObject({ code: 'ADMIN.INVITE_INACTIVE' });
  });
});
