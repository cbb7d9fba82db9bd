// Where the console page comes from in an installed package (no sources: dist/console/), and the errors a
// user sees when neither a build nor the sources are there. The file system is stubbed through node:fs.
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';

const actualFs = await import('node:fs');

/** Paths that exist / files that read, on top of nothing (everything else is absent). */
let present: (path: string) => boolean = () => false;
let contents: (path: string) => string = () => '';

// esbuild is a devDependency: an installed package has none.
jest.unstable_mockModule('esbuild', () => {
  throw Object.assign(new Error("Cannot find package 'esbuild'"), { code: 'ERR_MODULE_NOT_FOUND' });
});
jest.unstable_mockModule('node:fs', () => ({
  ...actualFs,
  existsSync: (path: string) => present(String(path)),
  readFileSync: (path: string) => contents(String(path)),
}));

const { loadConsoleAssets } = await import('../../src/console/assets.js');

// The checkout this test runs in: assets.ts looks up from src/console/ for our package.json.
const ROOT = process.cwd();
const MANIFEST = join(ROOT, 'package.json');
const DIST = join(ROOT, 'dist', 'console');

describe('loadConsoleAssets failures (not cached: each call tries again)', () => {
  it('names the missing bundle folder when there is neither a build nor the sources', async () => {
    // Prepare
    present = (path) => path === MANIFEST;
    contents = () => '{"name":"chime-channel-flow"}';
    // Act
    const first = loadConsoleAssets();
    // Assess
    await expect(first).rejects.toMatchObject({
      name: 'ConsoleAssetsError',
      message: `Console page unavailable: no bundle in ${DIST}`,
    });
  });

  it('asks for esbuild when only the page sources are there', async () => {
    // Prepare
    present = (path) => path === MANIFEST || path === join(ROOT, 'src', 'console', 'page', 'build-options.json');
    contents = () => '{"name":"chime-channel-flow"}';
    // Act
    const loaded = loadConsoleAssets();
    // Assess
    await expect(loaded).rejects.toMatchObject({
      name: 'ConsoleAssetsError',
      message: 'Console page unavailable: building the page from sources needs esbuild (a devDependency)',
      cause: expect.anything(),
    });
  });

  it('says so when no folder up from the module is the package root', async () => {
    // Prepare: a package.json of another package only.
    present = (path) => path === MANIFEST;
    contents = () => '{"name":"someone-else"}';
    // Act
    const loaded = loadConsoleAssets();
    // Assess
    await expect(loaded).rejects.toMatchObject({
      name: 'ConsoleAssetsError',
      message: 'Console page unavailable: cannot find the chime-channel-flow package root',
    });
  });
});

// Last: a successful load is cached for the process.
describe('loadConsoleAssets in an installed package', () => {
  it('serves dist/console/app.js and app.css when the page sources are not shipped', async () => {
    // Prepare
    present = (path) => path === MANIFEST || path === join(DIST, 'app.js');
    contents = (path) =>
      path === MANIFEST
        ? '{ "name": "chime-channel-flow" }'
        : path === join(DIST, 'app.js')
          ? 'console.log("page")'
          : path === join(DIST, 'app.css')
            ? 'body{margin:0}'
            : '';
    // Act
    const assets = await loadConsoleAssets();
    // Assess
    expect(assets).toEqual({ js: 'console.log("page")', css: 'body{margin:0}' });
  });
});
