import { NOW, row } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const detail = (over: Record<string, unknown> = {}, buttons: string[] = ['approve', 'reject']) =>
  ok({
    buttons,
    ticket: {
      ...row(7, { state: 'rectified', photos: ['cloud://env.b/tickets/a.jpg'] }),
      rectification: {
        at: new Date(NOW).toISOString(),
        afterPhotos: ['cloud://env.b/rect/b.jpg'],
        note: '已重新清洗消毒',
        cause: '高峰期人手不足',
      },
      history: [
        { at: new Date(NOW - 3_600_000).toISOString(), actorId: 'reporter', role: 'reporter', event: 'create', from: null, to: 'reported' },
        {
          at: new Date(NOW - 3_500_000).toISOString(),
          actorId: 'system',
          role: 'system',
          event: 'assign',
          from: 'reported',
          to: 'assigned',
        },
        {
          at: new Date(NOW).toISOString(),
          actorId: 'p',
          role: 'assignee',
          event: 'rectify',
          from: 'accepted',
          to: 'rectified',
          note: '已重新清洗消毒',
        },
      ],
      ...over,
    },
    photoUrls: { 'cloud://env.b/tickets/a.jpg': 'https://tmp/a.jpg', 'cloud://env.b/rect/b.jpg': 'https://tmp/b.jpg' },
  });

async function open(backend: Backend) {
  const sim = setup({ backend });
  const p = sim.render('pages/ticket/index');
  p.instance.onLoad({ id: 't-7' });
  await flush();
  return { sim, p };
}

describe('ticket detail', () => {
  it('shows the report, the rectification and the timeline newest first', async () => {
    const { sim, p } = await open(() => detail());
    expect(sim.calls[0]).toEqual({ name: 'tickets', action: 'detail', payload: { ticketId: 't-7' } });
    expect(text(p, '.ticket__title')).toBe('环境卫生');
    expect(text(p, '.ticket__state-tag')).toBe('待确认');
    expect(text(p, '.ticket__rect')).toContain('已重新清洗消毒');
    const steps = p.querySelectorAll('.ticket__step-title').map((s: { dom: { textContent: string } }) => s.dom.textContent);
    expect(steps).toEqual(['责任人提交整改', '系统分派', '报告人提交']);
    expect(p.querySelectorAll('.ticket__photo').length).toBe(2);
  });

  it('lets the reporter confirm with a rating', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) => (action === 'verify' ? ok({ ticketId: 't-7', state: 'verified' }) : detail()));
    // Act
    p.querySelector('.ticket__btn--approve').dispatchEvent('tap');
    await flush();
    p.querySelector('.ticket__rating').querySelectorAll('.star-rating__star')[4].dispatchEvent('tap');
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.find((c) => c.action === 'verify')?.payload).toEqual({ ticketId: 't-7', approve: true, rating: 5 });
    expect(sim.calls.filter((c) => c.action === 'detail')).toHaveLength(2);
  });

  it('needs a note to send a rectification back, and keeps the form until it succeeds', async () => {
    const { sim, p } = await open((_n, action) => (action === 'verify' ? ok({ ticketId: 't-7', state: 'rework' }) : detail()));
    p.querySelector('.ticket__btn--reject').dispatchEvent('tap');
    await flush();
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    expect(text(p, '.ticket__action-error')).toBe('请填写说明');
    p.instance.onText({ detail: { value: '桌面还是脏的' } });
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'verify')?.payload).toEqual({ ticketId: 't-7', approve: false, note: '桌面还是脏的' });
  });

  it('keeps what was typed when the network fails', async () => {
    const { p } = await open((_n, action) => (action === 'verify' ? { code: 'CLIENT.NETWORK', message: 'x' } : detail()));
    p.querySelector('.ticket__btn--reject').dispatchEvent('tap');
    await flush();
    p.instance.onText({ detail: { value: '桌面还是脏的' } });
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    expect(p.instance.data.values.text).toBe('桌面还是脏的');
    expect(p.querySelector('.ticket__form')).toBeDefined();
  });

  it('says what changed and reloads when the ticket moved meanwhile', async () => {
    let state = 'rectified';
    const { sim, p } = await open((_n, action) => {
      if (action === 'verify') {
        state = 'closed';
        return { code: 'TICKET.INVALID_TRANSITION', message: 'x' };
      }
      return state === 'closed' ? detail({ state: 'closed' }, []) : detail();
    });
    p.querySelector('.ticket__btn--approve').dispatchEvent('tap');
    await flush();
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    expect(text(p, '.ticket__notice')).toBe('这张工单已由「待确认」变为「已办结」，页面已刷新，请按现在的状态操作。');
    expect(sim.calls.filter((c) => c.action === 'detail')).toHaveLength(2);
    expect(p.querySelector('.ticket__btn--approve')).toBeUndefined();
  });

  it('offers no action to someone the table gives none', async () => {
    const { p } = await open(() => detail({ mine: false }, []));
    expect(p.querySelector('.ticket__buttons')).toBeUndefined();
  });

  it('keeps the rectify form and what was typed when a photo fails to upload', async () => {
    // Prepare: an accepted task whose after-photo upload fails.
    const sim = setup({ backend: () => detail({ state: 'accepted', rectification: null }, ['rectify', 'pause']), upload: () => false });
    const p = sim.render('pages/ticket/index');
    p.instance.onLoad({ id: 't-7' });
    await flush();
    p.querySelector('.ticket__btn--rectify').dispatchEvent('tap');
    await flush();
    p.instance.onText({ detail: { value: '已擦净台面' } });
    // Act
    p.querySelector('.ticket__photos-picker').querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    p.querySelector('.ticket__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(p.querySelector('.ticket__form')).toBeDefined();
    expect(p.instance.data.values.text).toBe('已擦净台面');
    expect(text(p, '.ticket__action-error')).toBe('请至少拍一张整改后的照片');
    expect(sim.calls.filter((c) => c.action === 'rectify')).toEqual([]);
  });

  it('shows not-found as an error with retry', async () => {
    const { p } = await open(() => ({ code: 'TICKET.NOT_FOUND', message: 'no such ticket' }));
    expect(text(p, '.ticket__error')).toBe('工单不存在或无权查看');
    expect(p.querySelector('.ticket__retry')).toBeDefined();
  });
});
