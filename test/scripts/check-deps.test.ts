import fs from 'node:fs';
import path from 'node:path';
import { violations } from '../../scripts/check-deps';
import { tempDir } from '../helpers/local-cloud';

function tree(files: Record<string, string>): string {
  const root = tempDir('deps-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('the dependency rule', () => {
  it('passes the project itself', () => {
    expect(violations()).toEqual([]);
  });

  it.each([
    ['shared/ importing an SDK', { 'shared/a.ts': "import cloud from 'wx-server-sdk';" }, /may not import the package "wx-server-sdk"/],
    ['shared/ importing a cloud function', { 'shared/a.ts': "import { x } from '../cloudfunctions/tickets/index';" }, /only from shared/],
    ['shared/ reading the clock', { 'shared/a.ts': 'export const t = () => Date.now();' }, /clock/],
    ['shared/ making random ids', { 'shared/a.ts': 'export const id = () => Math.random();' }, /random/],
    ['a function importing the mini-program', { 'cloudfunctions/f/index.ts': "import '../../miniprogram/app';" }, /may not import/],
    ['the mini-program importing the server SDK', { 'miniprogram/app.ts': "const c = require('wx-server-sdk');" }, /server SDK/],
    [
      'a value import of shared/ into the mini-program',
      { 'miniprogram/pages/a/index.ts': "import { MESSAGES } from '../../../shared/contract';" },
      /only as types/,
    ],
    [
      'a mixed import of shared/ into the mini-program',
      { 'miniprogram/pages/a/index.ts': "import { type Page, LIMITS } from '../../../shared/contract';" },
      /only as types/,
    ],
    [
      'a value re-export of shared/ from the mini-program',
      { 'miniprogram/services/a.ts': "export { LIMITS } from '../../shared/contract/constants';" },
      /only as types/,
    ],
    ['a require of shared/ in the mini-program', { 'miniprogram/app.ts': "const c = require('../shared/contract');" }, /only as types/],
  ])('reports %s', (_label, files, message) => {
    const found = violations(tree(files));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('allows the mini-program type-only imports of shared/ and values from its generated copy', () => {
    expect(
      violations(
        tree({
          'miniprogram/pages/a/index.ts': [
            "import type { Page } from '../../../shared/contract';",
            "export type { TicketRow } from '../../../shared/contract';",
            "import { LIMITS, type InputOf } from '../../shared/contract';",
          ].join('\n'),
          'miniprogram/shared/contract.js': 'exports.LIMITS = {};',
        }),
      ),
    ).toEqual([]);
  });

  it('allows shared/ its pure libraries and a clock passed in', () => {
    expect(
      violations(tree({ 'shared/a.ts': "import { z } from 'zod';\nimport dayjs from 'dayjs';\nexport const f = (now: Date) => now;" })),
    ).toEqual([]);
  });
});
