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
  ])('reports %s', (_label, files, message) => {
    const found = violations(tree(files));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('allows shared/ its pure libraries and a clock passed in', () => {
    expect(
      violations(tree({ 'shared/a.ts': "import { z } from 'zod';\nimport dayjs from 'dayjs';\nexport const f = (now: Date) => now;" })),
    ).toEqual([]);
  });
});
