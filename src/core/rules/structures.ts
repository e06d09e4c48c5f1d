import { decodeBase64 } from '../base64';
import type { KeyGen, MatchContext, Refinement, Rule } from '../types';
import { looksLikeSecretValue } from './secret-names';

/**
 * Credentials known by the structure around them rather than by a name = value: a base64 PEM
 * key, a `.netrc` entry, a command line's password option, a .NET credential.
 */

const password = (g: KeyGen): string => `${g.alnum(9)}#${g.chars('0123456789', 3)}`;

/** A password the way the structure's own syntax carries it; variables and placeholders are not. */
function realPassword({ secret }: MatchContext): Refinement | undefined {
  if (/^[$%]|^\{|^<|\$\{|\$\(/.test(secret)) return undefined;
  return looksLikeSecretValue(secret, 'password', true) ? {} : undefined;
}

const BEGIN_PRIVATE = /^-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY( BLOCK)?-----/;

export const structureRules: Rule[] = [
  {
    id: 'private-key-base64',
    provider: 'PEM',
    description: 'private key, base64-encoded',
    // "LS0tLS1CRUdJTi" is base64 of "-----BEGIN": a Kubernetes secret's tls.key, a CI variable.
    pattern: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,20000}={0,2}(?![A-Za-z0-9+/=])/,
    keywords: ['ls0tls1crudjti'],
    prefilter: { anchored: true },
    minEntropy: 4,
    refine: ({ secret }) => (BEGIN_PRIVATE.test(decodeBase64(secret.slice(0, 80)) ?? '') ? {} : undefined),
    envVar: 'PRIVATE_KEY_BASE64',
    severity: 'error',
    confidence: 'high',
    maskPrefix: /^LS0tLS1CRUdJTi/,
    maskTail: false,
    examples: {
      positive: g => {
        const pem = btoa(`-----BEGIN PRIVATE KEY-----\n${g.pemBody(6, '\n')}\n-----END PRIVATE KEY-----\n`);
        return [`  tls.key: ${pem}`, `SSH_KEY_B64="${pem}"`];
      },
      negative: g => [`  tls.crt: ${btoa(`-----BEGIN CERTIFICATE-----\n${g.pemBody(6, '\n')}\n-----END CERTIFICATE-----\n`)}`, 'LS0tLS1CRUdJTi...'],
    },
  },
  {
    id: 'netrc-password',
    provider: '.netrc',
    description: 'password',
    // machine host [login user] password secret, on one line or several; the password ends its line
    // or is followed by the next .netrc keyword, so prose ("the machine learning password field is…") is not.
    pattern:
      /(?<![\w-])machine[ \t]{1,20}[\w.:-]{1,253}(?:[ \t]{1,20}|[ \t]{0,20}\r?\n[ \t]{0,20})(?:login[ \t]{1,20}\S{1,200}(?:[ \t]{1,20}|[ \t]{0,20}\r?\n[ \t]{0,20}))?password[ \t]{1,20}(\S{3,200})(?=[ \t]{0,20}(?:\r?\n|$)|[ \t]{1,20}(?:machine|login|account|macdef|default)\b)/,
    keywords: ['machine'],
    prefilter: { anchored: true },
    secretGroup: 1,
    refine: realPassword,
    envVar: 'NETRC_PASSWORD',
    severity: 'error',
    confidence: 'medium',
    examples: {
      positive: g => [`machine api.example.com login deploy password ${password(g)}`, `machine registry.example.com\n  login ci\n  password ${password(g)}`],
      negative: () => ['machine api.example.com login deploy password $NETRC_PASSWORD', 'the machine learning password field is required'],
    },
  },
  {
    id: 'curl-user-password',
    provider: 'curl',
    description: 'user password',
    pattern: /(?<![\w-])curl\b[^\r\n]{0,300}?[ \t](?:-u|--user)[ \t]{0,5}=?[ \t]{0,5}(["']?)[^\s:"'$]{1,100}:([^\s"'`]{3,200})\1(?=[\s"'`]|$)/,
    keywords: ['curl'],
    prefilter: { anchored: true },
    secretGroup: 2,
    refine: realPassword,
    envVar: 'API_PASSWORD',
    severity: 'error',
    confidence: 'medium',
    examples: {
      positive: g => [
        `curl -u admin:${password(g)} https://api.example.com/v1/items`,
        `RUN curl --user "ci:${password(g)}" -fsSL https://repo.example.com/key`,
      ],
      negative: () => ['curl -u "$USER:$PASSWORD" https://api.example.com', 'curl -u admin: https://api.example.com'],
    },
  },
  {
    id: 'powershell-plaintext-password',
    provider: 'PowerShell',
    description: 'plain-text password',
    pattern: /ConvertTo-SecureString[ \t]{1,10}(?:-String[ \t]{1,10})?(["'])([^"'\r\n]{3,200})\1[^\r\n]{0,60}?-AsPlainText/i,
    keywords: ['convertto-securestring'],
    prefilter: { anchored: true },
    secretGroup: 2,
    refine: realPassword,
    envVar: 'ADMIN_PASSWORD',
    severity: 'error',
    confidence: 'high',
    examples: {
      positive: g => [
        `$pw = ConvertTo-SecureString "${password(g)}" -AsPlainText -Force`,
        `$s = ConvertTo-SecureString -String '${password(g)}' -AsPlainText -Force`,
      ],
      negative: () => ['$pw = ConvertTo-SecureString $env:ADMIN_PASSWORD -AsPlainText -Force', '$pw = Read-Host -AsSecureString'],
    },
  },
  {
    id: 'psexec-password',
    provider: 'PsExec',
    description: 'password',
    pattern: /(?<![\w-])psexec(?:64)?(?:\.exe)?\b[^\r\n]{0,200}?[ \t]-p[ \t]{1,10}(["']?)([^\s"']{3,200})\1(?=\s)/i,
    keywords: ['psexec'],
    prefilter: { anchored: true },
    secretGroup: 2,
    refine: realPassword,
    envVar: 'REMOTE_PASSWORD',
    severity: 'error',
    confidence: 'high',
    examples: {
      positive: g => [`psexec \\\\srv01 -u CORP\\svc_deploy -p ${password(g)} cmd /c deploy.bat`],
      negative: () => ['psexec \\\\srv01 -u CORP\\svc_deploy -p %REMOTE_PASSWORD% cmd'],
    },
  },
  {
    id: 'dotnet-network-credential',
    provider: '.NET',
    description: 'NetworkCredential password',
    pattern:
      /(?<=new[ \t]{1,4}(?:System\.Net\.)?)NetworkCredential[ \t]{0,4}\([ \t]{0,4}(?:@?"[^"\r\n]{0,200}"|[\w.]{1,100})[ \t]{0,4},[ \t]{0,4}@?"([^"\r\n]{3,200})"/,
    keywords: ['networkcredential'],
    prefilter: { anchored: true },
    secretGroup: 1,
    refine: realPassword,
    envVar: 'SMTP_PASSWORD',
    severity: 'error',
    confidence: 'high',
    examples: {
      positive: g => [`client.Credentials = new NetworkCredential("mailer@example.com", "${password(g)}");`],
      negative: () => ['client.Credentials = new NetworkCredential(user, Environment.GetEnvironmentVariable("SMTP_PASSWORD"));'],
    },
  },
  {
    id: 'gradle-credentials-password',
    provider: 'Gradle',
    description: 'repository password',
    // Groovy's call without parentheses, inside a `credentials { … }` block: `password 'x'`.
    pattern: /(?<=^[ \t]{0,40})password[ \t]{1,10}(["'])([^"'\r\n$]{3,200})\1[ \t]{0,20}$/m,
    keywords: ['password'],
    prefilter: { anchored: true },
    secretGroup: 2,
    refine: realPassword,
    envVar: 'MAVEN_PASSWORD',
    severity: 'error',
    confidence: 'medium',
    examples: {
      positive: g => [`credentials {\n    username 'deployer'\n    password '${password(g)}'\n}`],
      negative: () => ["credentials {\n    password project.findProperty('mavenPassword')\n}", '    password "${System.getenv(\'MAVEN_PASSWORD\')}"'],
    },
  },
];
