import * as assert from 'node:assert/strict';
import { posix, relative, resolve, sep } from 'node:path';
import { relativePosix, resolverFrom } from '../../src/node/paths';

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

describe('resolverFrom: the paths named on the command line, made absolute', () => {
  // The fast path (a plain relative path joined as it is) must say what path.resolve says, for
  // every shape a named path can take, from every kind of folder.
  const froms = ['/w/repo', '/w/repo/', '/', '/w/./repo', '/w/x/../repo', 'rel/dir', '.'];
  const paths = [
    'a.ts',
    'src/app/.env',
    '.env',
    'a/../b',
    './c',
    'a//b',
    'a/./b',
    '..x/y',
    'x..',
    '.../y',
    'a/',
    '',
    '.',
    '..',
    'dir/..',
    '/abs/p',
    '/abs/../q',
    'a b/c\\d',
  ];
  for (const from of froms) {
    for (const path of paths) {
      it(`${JSON.stringify(path)} from ${JSON.stringify(from)}`, () => {
        assert.equal(resolverFrom(from)(path), resolve(from, path));
      });
    }
  }
});
