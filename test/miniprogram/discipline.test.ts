/**
 * setData discipline: no single payload over 64 KB (WeChat's audit flags 256 KB), lists append by path,
 * and the package stays small. Also keeps the client's action tables in step with the state machine.
 */

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROBLEM_TRANSITIONS } from '../../shared/tickets/ticket.machine';
import { NOW, page, row } from './helpers/fixtures';
import { flush, ok, setup, takeOversized } from './helpers/sim';

const LIMIT = 64 * 1024;
const LONG = '餐'.repeat(500);

describe('setData payloads', () => {
  it.each([
    ['pages/my-reports/index', 'myReports'],
    ['packages/staff/tasks/index', 'myTasks'],
    ['packages/manager/board/index', 'unitBoard'],
    ['packages/inspector/findings/index', 'awaitingMyVerification'],
  ])('%s stays under 64 KB per setData across three full pages of long tickets', async (path) => {
    // Prepare
    const sim = setup({
      backend: (_n, _a, payload) => {
        const n = payload.cursor ? Number(payload.cursor) : 0;
        return ok(
          page(n * 20 + 1, 20, n < 2 ? String(n + 1) : null, { description: LONG, photos: Array(6).fill('cloud://e.b/tickets/x.jpg') }),
        );
      },
    });
    const p = sim.render(path);
    // Act
    p.instance.onLoad();
    await flush();
    p.instance.onReachBottom();
    await flush();
    p.instance.onReachBottom();
    await flush();
    p.instance.stopTimer?.();
    // Assess
    expect(p.instance.data.items).toHaveLength(60);
    expect(Math.max(...sim.setDataSizes)).toBeLessThan(LIMIT);
  });

  it('the ticket detail with a long history stays under 64 KB', async () => {
    const history = Array.from({ length: 200 }, (_v, i) => ({
      at: new Date(NOW + i).toISOString(),
      role: 'system',
      event: 'escalate',
      to: 'assigned',
      note: '超时提醒'.repeat(20),
    }));
    const sim = setup({ backend: () => ok({ ticket: { ...row(1, { description: LONG }), history, rectification: null }, photoUrls: {} }) });
    const p = sim.render('pages/ticket/index');
    p.instance.onLoad({ id: 't-1' });
    await flush();
    expect(p.instance.data.timeline).toHaveLength(200);
    expect(Math.max(...sim.setDataSizes)).toBeLessThan(LIMIT);
  });

  it('the instrumentation itself catches an oversized payload, and would fail any page test that sent one', () => {
    const sim = setup();
    const c = sim.render('components/star-rating/index');
    c.instance.setData({ big: 'x'.repeat(LIMIT) });
    expect(Math.max(...sim.setDataSizes)).toBeGreaterThan(LIMIT);
    expect(takeOversized()).toEqual([expect.stringMatching(/^\d+ bytes \(big\)$/)]);
  });
});

describe('package size', () => {
  it('keeps the main package at most 500 KB and every subpackage under 2 MB', () => {
    // esbuild refuses to run inside jsdom, so the script runs as it would from the command line.
    const root = path.resolve(__dirname, '../..');
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/package-size.ts', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const s = JSON.parse(out) as { main: number; subpackages: Record<string, number> };
    expect(s.main).toBeLessThanOrEqual(500 * 1024);
    for (const n of Object.values(s.subpackages)) expect(n).toBeLessThan(2 * 1024 * 1024);
    expect(Object.keys(s.subpackages).sort()).toEqual([
      'admin',
      'assets',
      'contracts',
      'inspector',
      'leader',
      'manager',
      'patrol',
      'staff',
      'supervision',
    ]);
  });
});

describe('client action tables', () => {
  const actionsOf = (role: string) => {
    const out: Record<string, string[]> = {};
    for (const [state, events] of Object.entries(PROBLEM_TRANSITIONS)) {
      for (const [event, rule] of Object.entries(events)) {
        // `assign` of a held report is the releaseHeld action, not a board button.
        if (rule && (rule.roles.report as readonly string[]).includes(role) && event !== 'assign') {
          out[state] = [...(out[state] ?? []), event];
        }
      }
    }
    return out;
  };

  it('offer the assignee exactly what the state machine allows', () => {
    const { ASSIGNEE_ACTIONS } = require('../../miniprogram/services/format');
    expect(ASSIGNEE_ACTIONS).toEqual(actionsOf('assignee'));
  });

  it('offer the unit manager exactly what the state machine allows', () => {
    const { MANAGER_ACTIONS } = require('../../miniprogram/services/format');
    expect(MANAGER_ACTIONS).toEqual(actionsOf('unitManager'));
  });
});
