import type { Rule } from '../types';
import { contextRule } from './build';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** The last base64 character of a 32-byte key: its low 4 bits are padding, so zero. */
const KEY_TAIL = 'AEIMQUYcgkosw048';

/** Cluster and network credentials: Kubernetes bootstrap tokens, WireGuard keys. */
export const infrastructureRules: Rule[] = [
  {
    id: 'kubernetes-bootstrap-token',
    provider: 'Kubernetes',
    description: 'bootstrap token',
    // `<id>.<secret>`: 6 and 16 lowercase letters or digits, after `kubeadm … --token` or a bootstrap-token name.
    pattern:
      /(?:\bkubeadm\b[^\n]{0,200}?--(?:discovery-)?token[ =]|bootstrap[_-]?token[\w-]{0,12}["']?[ \t]{0,3}[:=][ \t]{0,3}["']?)([a-z0-9]{6}\.[a-z0-9]{16})(?![a-z0-9])/,
    keywords: ['kubeadm', 'bootstrap'],
    prefilter: { anchored: true },
    secretGroup: 1,
    minEntropy: 3,
    envVar: 'KUBEADM_TOKEN',
    // The token the Kubernetes documentation shows in its examples.
    allowlist: [/^abcdef\.0123456789abcdef$/],
    severity: 'error',
    confidence: 'high',
    examples: {
      positive: g => [
        `kubeadm join 10.0.0.5:6443 --token ${g.chars(LOWER_ALNUM, 6)}.${g.chars(LOWER_ALNUM, 16)} --discovery-token-ca-cert-hash sha256:${g.hex(64)}`,
        `bootstrap_token: "${g.chars(LOWER_ALNUM, 6)}.${g.chars(LOWER_ALNUM, 16)}"`,
      ],
      negative: () => ['kubeadm join 10.0.0.5:6443 --token <token>', 'bootstrap_token: abcdef.0123456789abcdef'],
    },
  },
  contextRule({
    id: 'wireguard-private-key',
    provider: 'WireGuard',
    description: 'private key',
    envVar: 'WIREGUARD_PRIVATE_KEY',
    context: ['privatekey', 'wireguard_private_key', 'wg_private_key'],
    value: `[A-Za-z0-9+/]{42}[${KEY_TAIL}]=`,
    gen: g => `${g.base64(42)}${g.chars(KEY_TAIL, 1)}=`,
  }),
];
