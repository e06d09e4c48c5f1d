import * as assert from 'node:assert/strict';
import { judgeByContent, mayBeSecretFile, SECRET_FILE_KINDS, type SecretFileKind } from '../../src/core/hygiene';

// Which files a walk takes for secret files by their names: asked of every file of a tree, so it
// looks at a name once for all the kinds' name patterns first. These are what it must still say.
describe('secret files by name', () => {
  it('takes the built-in kinds by name, any case where the kind says so, and by path', () => {
    const taken = (path: string) => mayBeSecretFile(path, SECRET_FILE_KINDS);
    for (const path of [
      '.env',
      'api/.env.production',
      'certs/server.PEM',
      'keys/id_ed25519',
      'infra/prod.tfvars',
      'sa.json',
      '.npmrc',
      'home/.docker/config.json',
    ]) {
      assert.equal(taken(path), true, path);
    }
    for (const path of ['.env.example', 'app/.env.sample', 'src/index.ts', 'README.md', 'docker/config.yaml', 'id_rsa.pub', 'envelope.txt']) {
      assert.equal(taken(path), false, path);
    }
  });

  it("takes a project's own kinds whatever their patterns hold: Unicode classes, backreferences, no name", () => {
    const kind = (id: string, spec: Partial<SecretFileKind>): SecretFileKind => ({ id, description: id, ignorePattern: '{name}', ...spec });
    const unicode = [kind('u', { name: /^\p{Lu}{3}\.secret$/u })];
    assert.equal(mayBeSecretFile('vault/ÄBC.secret', unicode), true);
    assert.equal(mayBeSecretFile('vault/abc.secret', unicode), false);
    const repeated = [kind('twice', { name: /^(\w)\1\.key\.txt$/ })];
    assert.equal(mayBeSecretFile('aa.key.txt', repeated), true);
    assert.equal(mayBeSecretFile('ab.key.txt', repeated), false);
    const anywhere = [...SECRET_FILE_KINDS, kind('vault-dir', { path: /(?:^|\/)vault\// })];
    assert.equal(mayBeSecretFile('ops/vault/notes.md', anywhere), true);
    assert.equal(mayBeSecretFile('ops/notes.md', anywhere), false);
    // A kind with neither: every file (but a committed template) is one.
    const every = [kind('all', {})];
    assert.equal(mayBeSecretFile('src/index.ts', every), true);
    assert.equal(mayBeSecretFile('.env.example', every), false);
  });

  it('judges by content only the kinds a name is a candidate for, and only within 256 KiB', () => {
    const ids = (name: string, text: string, bytes = text.length) =>
      judgeByContent(name, () => text, bytes, SECRET_FILE_KINDS).map(([index, matches]) => `${SECRET_FILE_KINDS[index].id}:${matches}`);
    const account = '{"type": "service_account", "private_key": "x"}';
    assert.deepEqual(ids('sa.json', account), ['gcp-service-account:true']);
    assert.deepEqual(ids('SA.JSON', account), ['gcp-service-account:true']);
    assert.deepEqual(ids('sa.json', '{"type": "service_account"}'), ['gcp-service-account:false']);
    assert.deepEqual(ids('sa.json', account, (256 << 10) + 1), ['gcp-service-account:false']);
    assert.deepEqual(ids('index.ts', account), []);
    let asked = 0;
    judgeByContent('index.ts', () => `${asked++}`, 10, SECRET_FILE_KINDS);
    assert.equal(asked, 0, 'the text is never made for a name no kind known by content takes');
  });
});
