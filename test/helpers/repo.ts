import { join } from 'node:path';

/** The repository root, from the compiled test's location (out/test/...). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(REPO_ROOT, 'dist');
