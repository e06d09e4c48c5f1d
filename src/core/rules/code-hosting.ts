import { base62, crc32, hasBase62Crc32, isValidGitlabRoutable } from '../checksum';
import type { KeyGen, Rule } from '../types';
import { contextRule, tokenRule } from './build';

/** 30 random characters and their base62 CRC-32: GitHub's and npm's token body. */
export function checksummedBody(g: KeyGen): string {
  const body = g.alnum(30);
  return body + base62(crc32(body), 6);
}

/** A routable GitLab token: payload, `.`, payload length in base 36, base-36 CRC-32. */
export function gitlabRoutable(g: KeyGen, prefix: string): string {
  const payload = g.base64url(43);
  const checked = `${prefix}${payload}.${payload.length.toString(36).padStart(2, '0')}`;
  return checked + crc32(checked).toString(36).padStart(7, '0');
}

/** GitHub's checksummed tokens, one rule per kind so the message names it. */
function github(id: string, prefix: string, description: string): Rule {
  return tokenRule({
    id,
    provider: 'GitHub',
    description,
    envVar: 'GITHUB_TOKEN',
    prefix,
    body: '[A-Za-z0-9]{36}',
    gen: checksummedBody,
    minEntropy: 3.5,
    validate: token => hasBase62Crc32(token, 4),
  });
}

/** A GitLab token of fixed shape after its prefix. */
function gitlab(id: string, prefix: string, description: string, body: string, gen: (g: KeyGen) => string): Rule {
  return tokenRule({ id, provider: 'GitLab', description, envVar: 'GITLAB_TOKEN', prefix, body, gen });
}

/** Code hosting tokens. */
export const codeHostingRules: Rule[] = [
  github('github-pat', 'ghp_', 'personal access token'),
  github('github-oauth-token', 'gho_', 'OAuth access token'),
  github('github-user-to-server-token', 'ghu_', 'user-to-server token'),
  github('github-server-to-server-token', 'ghs_', 'server-to-server (app installation) token'),
  github('github-refresh-token', 'ghr_', 'refresh token'),
  tokenRule({
    id: 'github-fine-grained-pat',
    provider: 'GitHub',
    description: 'fine-grained personal access token',
    envVar: 'GITHUB_TOKEN',
    prefix: 'github_pat_',
    body: '[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
    gen: g => `${g.alnum(22)}_${g.alnum(59)}`,
  }),
  tokenRule({
    id: 'gitlab-pat-routable',
    provider: 'GitLab',
    description: 'personal access token',
    envVar: 'GITLAB_TOKEN',
    prefix: 'glpat-',
    body: '[\\w-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}',
    gen: g => gitlabRoutable(g, 'glpat-').slice('glpat-'.length),
    boundary: 'A-Za-z0-9_.-',
    minEntropy: 4,
    validate: token => isValidGitlabRoutable(token, 'glpat-'.length),
  }),
  gitlab('gitlab-pat', 'glpat-', 'personal access token', '[\\w-]{20}', g => g.base64url(20)),
  gitlab('gitlab-deploy-token', 'gldt-', 'deploy token', '[\\w-]{20}', g => g.base64url(20)),
  gitlab('gitlab-pipeline-trigger-token', 'glptt-', 'pipeline trigger token', '[a-f0-9]{40}', g => g.hex(40)),
  gitlab('gitlab-runner-token', 'glrt-', 'runner authentication token', '[\\w-]{20}|t\\d_[\\w-]{27,300}\\.[0-9a-z]{9}', g => g.base64url(20)),
  tokenRule({
    id: 'gitlab-runner-registration-token',
    provider: 'GitLab',
    description: 'runner registration token',
    envVar: 'GITLAB_RUNNER_REGISTRATION_TOKEN',
    prefix: 'GR1348941',
    body: '[\\w-]{20}',
    gen: g => g.base64url(20),
  }),
  gitlab('gitlab-oauth-app-secret', 'gloas-', 'OAuth application secret', '[\\w-]{64}', g => g.hex(64)),
  gitlab('gitlab-ci-job-token', 'glcbt-', 'CI/CD job token', '[0-9a-zA-Z]{1,5}_[\\w-]{20}', g => `${g.hex(2)}_${g.base64url(20)}`),
  gitlab('gitlab-scim-token', 'glsoat-', 'SCIM token', '[\\w-]{20}', g => g.base64url(20)),
  gitlab('gitlab-feed-token', 'glft-', 'feed token', '[\\w-]{20}', g => g.base64url(20)),
  gitlab('gitlab-incoming-mail-token', 'glimt-', 'incoming mail token', '[\\w-]{25}', g => g.base64url(25)),
  gitlab('gitlab-agent-token', 'glagent-', 'Kubernetes agent token', '[\\w-]{50}', g => g.base64url(50)),
  gitlab('gitlab-feature-flags-token', 'glffct-', 'feature flags client token', '[\\w-]{20}', g => g.base64url(20)),
  tokenRule({
    id: 'bitbucket-app-password',
    provider: 'Bitbucket',
    description: 'app password',
    envVar: 'BITBUCKET_APP_PASSWORD',
    prefix: 'ATBB',
    body: '[A-Za-z0-9_=.-]{28,36}',
    gen: g => g.alnum(32),
  }),
  contextRule({
    id: 'bitbucket-client-secret',
    provider: 'Bitbucket',
    description: 'OAuth client secret',
    envVar: 'BITBUCKET_CLIENT_SECRET',
    context: ['bitbucket'],
    value: '[A-Za-z0-9_-]{32,64}',
    gen: g => g.alnum(32),
  }),
];
