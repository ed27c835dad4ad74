import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRelease, MP_ROOT, releaseConfig } from '../../scripts/miniprogram-build';

describe('the mini-program build steps', () => {
  it('makes a release package whose config has no local mode', () => {
    // Prepare
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-release-'));
    try {
      // Act
      buildRelease(out);

      // Assess
      const config = fs.readFileSync(path.join(out, 'config.ts'), 'utf8');
      expect(config).toContain('localBuild: false,');
      expect(config).not.toContain('localBuild: true');
      expect(fs.existsSync(path.join(out, 'pages/me/index.wxml'))).toBe(true);
      // The checked-in config is the local build.
      expect(fs.readFileSync(path.join(MP_ROOT, 'config.ts'), 'utf8')).toContain('localBuild: true,');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a config without the local-build line, rather than shipping it unchanged', () => {
    expect(() => releaseConfig('export const CONFIG = { localMode: true };')).toThrow(/localBuild/);
  });
});
