import * as assert from 'node:assert/strict';
import { posix, relative, sep } from 'node:path';
import { relativePosix } from '../../src/node/paths';

describe('relativePosix: the path reports and ignore rules see', () => {
  // The fast path (a walk's joined path inside its root) must say what path.relative says, for
  // every shape a path can take: dot segments, doubled separators, a root that ends in one.
  const roots = ['/w/repo', '/w/repo/', '/', '/w/./repo', '/w/x/../repo', 'rel/dir'];
  const tails = ['a.ts', 'src/app/.env', 'a/../b', './c', 'a//b', 'a/./b', '..x/y', 'x..', '.../y', 'a/', '', '..', 'dir/..'];
  for (const root of roots) {
    for (const tail of tails) {
      const path = root.endsWith('/') ? root + tail : `${root}/${tail}`;
      it(`${JSON.stringify(path)} from ${JSON.stringify(root)}`, () => {
        const native = (p: string) => p.split('/').join(sep);
        assert.equal(relativePosix(native(root), native(path)), relative(native(root), native(path)).split(sep).join(posix.sep));
      });
    }
  }
  it('a path outside the root, or the root itself', () => {
    assert.equal(relativePosix('/w/repo', '/w/repository/a'), '../repository/a');
    assert.equal(relativePosix('/w/repo', '/w/repo'), '');
  });
});
