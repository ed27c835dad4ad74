import { NOW, row } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const detail = (over: Record<string, unknown> = {}) =>
  ok({
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
    p.querySelector('.ticket__rating').querySelectorAll('.star-rating__star')[4].dispatchEvent('tap');
    await flush();
    p.querySelector('.ticket__approve').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.find((c) => c.action === 'verify')?.payload).toEqual({ ticketId: 't-7', approve: true, rating: 5 });
    expect(sim.calls.filter((c) => c.action === 'detail')).toHaveLength(2);
  });

  it('needs a note to send a rectification back', async () => {
    const { sim, p } = await open((_n, action) => (action === 'verify' ? ok({ ticketId: 't-7', state: 'rework' }) : detail()));
    p.querySelector('.ticket__reject').dispatchEvent('tap');
    await flush();
    expect(text(p, '.ticket__action-error')).toBe('退回时请说明还有什么问题');
    p.instance.onNote({ detail: { value: '桌面还是脏的' } });
    p.querySelector('.ticket__reject').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'verify')?.payload).toEqual({ ticketId: 't-7', approve: false, note: '桌面还是脏的' });
  });

  it('shows the server refusal of a verification', async () => {
    const { p } = await open((_n, action) => (action === 'verify' ? { code: 'TICKET.INVALID_TRANSITION', message: 'x' } : detail()));
    p.querySelector('.ticket__approve').dispatchEvent('tap');
    await flush();
    expect(text(p, '.ticket__action-error')).toBe('当前状态不能进行此操作，请刷新');
  });

  it('offers no verification to someone who did not report it', async () => {
    const { p } = await open(() => detail({ mine: false }));
    expect(p.querySelector('.ticket__verify')).toBeUndefined();
  });

  it('shows not-found as an error with retry', async () => {
    const { p } = await open(() => ({ code: 'TICKET.NOT_FOUND', message: 'no such ticket' }));
    expect(text(p, '.ticket__error')).toBe('工单不存在或无权查看');
    expect(p.querySelector('.ticket__retry')).toBeDefined();
  });
});
