import { flush, setup, text } from './helpers/sim';

describe('list-state', () => {
  it.each([
    [{ status: 'loading', count: 0 }, '.list-state__loading', '加载中…'],
    [{ status: 'ready', count: 0, emptyText: '空空如也' }, '.list-state__empty', '空空如也'],
    [{ status: 'error', errorText: '网络不太好' }, '.list-state__error', '网络不太好'],
    [{ status: 'ready', count: 3, loadingMore: true }, '.list-state__more', '正在加载更多…'],
    [{ status: 'ready', count: 3, ended: true }, '.list-state__end', '— 没有更多了 —'],
  ])('renders %j', (props, selector, expected) => {
    const sim = setup();
    const c = sim.render('components/list-state/index', props);
    expect(text(c, selector)).toContain(expected);
  });

  it('emits retry and more', async () => {
    const sim = setup();
    const c = sim.render('components/list-state/index', { status: 'error' });
    const retry = jest.fn();
    c.addEventListener('retry', retry);
    c.querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();
    expect(retry).toHaveBeenCalled();
  });
});

describe('star-rating', () => {
  it('sets a value, and tapping it again clears it', async () => {
    const sim = setup();
    const c = sim.render('components/star-rating/index');
    const change = jest.fn();
    c.addEventListener('change', change);
    c.querySelectorAll('.star-rating__star')[2].dispatchEvent('tap');
    await flush();
    c.querySelectorAll('.star-rating__star')[2].dispatchEvent('tap');
    await flush();
    expect(change.mock.calls.map((a) => a[0].detail.value)).toEqual([3, 0]);
  });
});

/** The backend's answer to `org.me`: the caller's openid names their upload folder (README "Uploaded files"). */
const ME = (name: string, action: string) =>
  name === 'org' && action === 'me' ? { code: 0 as const, data: { openid: 'o-me' } } : { code: 0 as const, data: {} };

describe('photo-picker', () => {
  it('uploads picked photos with progress and reports their file ids', async () => {
    // Prepare
    const sim = setup({ backend: ME });
    const c = sim.render('components/photo-picker/index', { max: 6, prefix: 'tickets' });
    const change = jest.fn();
    c.addEventListener('change', change);
    // Act
    c.querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    // Assess
    const last = change.mock.calls[change.mock.calls.length - 1][0].detail;
    expect(last.uploading).toBe(false);
    expect(last.fileIDs).toHaveLength(2);
    expect(sim.wx.cloud?.uploadFile).toHaveBeenCalledTimes(2);
    expect(last.fileIDs[0]).toMatch(/^cloud:\/\/test-env\.bucket\/uploads\/report\/o-me\/\d{8}\/[0-9a-f-]{36}\.jpg$/);
    expect(text(c, '.photo-picker__count')).toBe('2/6');
  });

  it('marks a failed upload and retries it on tap', async () => {
    let fail = true;
    const sim = setup({ upload: () => !fail, backend: ME });
    const c = sim.render('components/photo-picker/index', { max: 1 });
    c.querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    expect(text(c, '.photo-picker__failed')).toContain('上传失败');
    expect(c.querySelector('.photo-picker__add')).toBeUndefined(); // max reached
    fail = false;
    c.querySelector('.photo-picker__failed').dispatchEvent('tap');
    await flush();
    expect(c.querySelector('.photo-picker__failed')).toBeUndefined();
  });

  it('uploads to the local cloud in local mode', async () => {
    const sim = setup({ mode: 'local', identity: { openid: 'demo-student-1', name: 'a', label: 'b' } });
    const c = sim.render('components/photo-picker/index', { max: 1 });
    c.querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    expect(sim.wx.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3901\/local\/upload\?cloudPath=uploads%2Freport%2Fdemo-student-1%2F/),
        header: { 'x-local-openid': 'demo-student-1' },
      }),
    );
  });
});
