import { type Backend, flush, ok, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((n: Comp) => (n.dom.textContent ?? '').trim());

async function open(backend: Backend, options: Record<string, string> = {}) {
  const sim = setup({ backend });
  const p = sim.render('pages/invite/index');
  p.instance.onLoad(options);
  await flush();
  return { sim, p };
}
const submit = async (p: Comp) => {
  p.querySelector('.invite__submit').dispatchEvent('tap');
  await flush();
};
const NEW_USER: Backend = (_n, action) =>
  action === 'me'
    ? ok({ roles: ['reporter'], registered: false, name: null, bindings: [] })
    : ok({ roles: ['reporter', 'staff'], bindings: [{ role: 'staff', unitId: 'u' }], name: '陈新人', redeemed: true });

describe('invite page', () => {
  it('asks a first-time user for the code and a name, and sends them normalised', async () => {
    // Prepare
    const { sim, p } = await open(NEW_USER);
    // Act
    p.instance.onCode({ detail: { value: 'abcd-efgh' } });
    p.instance.onName({ detail: { value: ' 陈新人 ' } });
    await submit(p);
    // Assess
    expect(sim.calls).toEqual([
      { name: 'org', action: 'me', payload: {} },
      { name: 'org', action: 'redeemInvite', payload: { code: 'ABCDEFGH', name: '陈新人' } },
    ]);
    expect(text(p, '.invite__title')).toBe('加入成功');
    expect(texts(p, '.invite__role')).toEqual(['员工']);
  });

  it('goes home with the new roles', async () => {
    const { sim, p } = await open(NEW_USER);
    p.instance.onCode({ detail: { value: 'ABCDEFGH' } });
    p.instance.onName({ detail: { value: '陈新人' } });
    await submit(p);

    p.querySelector('.invite__home').dispatchEvent('tap');
    await flush();

    expect(sim.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('does not ask someone registered for a name', async () => {
    const { sim, p } = await open((_n, action) =>
      action === 'me'
        ? ok({ roles: ['reporter', 'staff'], registered: true, name: '谢春燕', bindings: [] })
        : ok({ roles: ['reporter', 'staff', 'inspector'], bindings: [], name: '谢春燕', redeemed: false }),
    );

    expect(p.querySelector('.invite__name')).toBeUndefined();
    p.instance.onCode({ detail: { value: 'ABCD EFGH' } });
    await submit(p);

    expect(sim.calls.at(-1)?.payload).toEqual({ code: 'ABCDEFGH' });
    expect(text(p, '.invite__title')).toBe('你已使用过该邀请码');
    expect(texts(p, '.invite__role')).toEqual(['员工', '巡查员']);
  });

  it.each([
    ['ABC', '', '邀请码为 8 位字母和数字'],
    ['ABCDEFG0', '陈', '邀请码为 8 位字母和数字'],
    ['ABCDEFGH', ' ', '请填写你的姓名'],
  ])('refuses %j (name %j) before sending', async (code, name, message) => {
    const { sim, p } = await open(NEW_USER);

    p.instance.onCode({ detail: { value: code } });
    p.instance.onName({ detail: { value: name } });
    await submit(p);

    expect(text(p, '.invite__error')).toBe(message);
    expect(sim.calls.map((c) => c.action)).toEqual(['me']);
  });

  it.each([
    ['INVITE.NOT_FOUND', '邀请码不存在，请核对后重新输入'],
    ['INVITE.EXPIRED', '该邀请码已过期，请联系管理员重新发放'],
    ['INVITE.USED_UP', '该邀请码的使用次数已用完'],
    ['INVITE.REVOKED', '该邀请码已被作废，请联系管理员'],
    ['CLIENT.NETWORK', '网络不太好，请稍后重试'],
  ])('explains %s and stays on the form', async (code, message) => {
    const { p } = await open((_n, action) => (action === 'me' ? ok({ registered: false }) : { code, message: 'x' }));

    p.instance.onCode({ detail: { value: 'ABCDEFGH' } });
    p.instance.onName({ detail: { value: '陈新人' } });
    await submit(p);

    expect(text(p, '.invite__error')).toBe(message);
    expect(p.querySelector('.invite__code')).toBeDefined();
  });

  it('takes a code from the page link', async () => {
    const { p } = await open(NEW_USER, { code: 'abcd-efgh' });

    expect(p.instance.data.code).toBe('ABCDEFGH');
  });
});

describe('me page invite entry', () => {
  it('opens the invite page', async () => {
    const sim = setup({ mode: 'cloud' });
    const p = sim.render('pages/me/index');
    p.instance.onLoad();

    p.querySelector('.me__invite').dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/invite/index' });
  });
});
