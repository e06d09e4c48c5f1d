import type { Rule } from './types';

/**
 * Where each provider's keys are revoked and issued: the page of its console, or of its
 * documentation on revoking, as the provider publishes it. Providers not listed have no such page
 * we can point to with confidence; their rotation note is the general one.
 */
export const ROTATION_PAGES: Readonly<Record<string, string>> = {
  Anthropic: 'https://console.anthropic.com/settings/keys',
  OpenAI: 'https://platform.openai.com/api-keys',
  Google: 'https://aistudio.google.com/app/apikey',
  'Google Cloud': 'https://console.cloud.google.com/apis/credentials',
  Firebase: 'https://console.firebase.google.com/',
  Groq: 'https://console.groq.com/keys',
  Replicate: 'https://replicate.com/account/api-tokens',
  'Hugging Face': 'https://huggingface.co/settings/tokens',
  OpenRouter: 'https://openrouter.ai/settings/keys',
  Mistral: 'https://console.mistral.ai/api-keys',
  Cohere: 'https://dashboard.cohere.com/api-keys',
  DeepSeek: 'https://platform.deepseek.com/api_keys',
  ElevenLabs: 'https://elevenlabs.io/app/settings/api-keys',
  'Together AI': 'https://api.together.ai/settings/api-keys',
  'Fireworks AI': 'https://app.fireworks.ai/settings/users/api-keys',
  Perplexity: 'https://www.perplexity.ai/settings/api',
  'Stability AI': 'https://platform.stability.ai/account/keys',
  DeepL: 'https://www.deepl.com/your-account/keys',
  'Weights & Biases': 'https://wandb.ai/authorize',
  AWS: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  'Azure DevOps': 'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats',
  DigitalOcean: 'https://cloud.digitalocean.com/account/api/tokens',
  Cloudflare: 'https://dash.cloudflare.com/profile/api-tokens',
  Heroku: 'https://dashboard.heroku.com/account/applications',
  Vercel: 'https://vercel.com/account/tokens',
  Netlify: 'https://app.netlify.com/user/applications',
  Supabase: 'https://supabase.com/dashboard/account/tokens',
  Tailscale: 'https://login.tailscale.com/admin/settings/keys',
  GitHub: 'https://github.com/settings/tokens',
  GitLab: 'https://gitlab.com/-/user_settings/personal_access_tokens',
  npm: 'https://docs.npmjs.com/revoking-access-tokens',
  PyPI: 'https://pypi.org/manage/account/token/',
  NuGet: 'https://www.nuget.org/account/apikeys',
  RubyGems: 'https://rubygems.org/profile/api_keys',
  'Terraform Cloud': 'https://app.terraform.io/app/settings/tokens',
  'HashiCorp Vault': 'https://developer.hashicorp.com/vault/docs/commands/token/revoke',
  Sentry: 'https://sentry.io/settings/account/api/auth-tokens/',
  Datadog: 'https://app.datadoghq.com/organization-settings/api-keys',
  Slack: 'https://api.slack.com/apps',
  Discord: 'https://discord.com/developers/applications',
  Telegram: 'https://core.telegram.org/bots/features#botfather',
  SendGrid: 'https://app.sendgrid.com/settings/api_keys',
  Stripe: 'https://dashboard.stripe.com/apikeys',
  Linear: 'https://linear.app/settings/api',
  Notion: 'https://www.notion.so/my-integrations',
  Atlassian: 'https://id.atlassian.com/manage-profile/security/api-tokens',
  Airtable: 'https://airtable.com/create/tokens',
  Mapbox: 'https://account.mapbox.com/access-tokens/',
  Postman: 'https://go.postman.co/settings/me/api-keys',
  Resend: 'https://resend.com/api-keys',
  Kubernetes: 'https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/',
};

/** What the kinds of secret with no console are rotated by. */
const KIND_NOTES: Readonly<Record<string, string>> = {
  key: 'Make a new key pair, put its public half everywhere the old one was trusted, then remove the old one there.',
  password: "Change the account's password on the server (ALTER USER, the host's console), then update each environment.",
};

const KEY_PAIRS = new Set(['PEM', 'PGP', 'PuTTY', 'age', 'WireGuard']);
const PASSWORDS = new Set(['PostgreSQL', 'MySQL', 'MongoDB', 'Redis', 'AMQP (RabbitMQ)', 'Database', 'JDBC', 'URL', 'HTTP']);

/** The seed's rule for every rotation, leaked or scheduled. */
export const ROTATION_NOTE =
  'Leaked: revoke it now, issue a new one, update each environment. On schedule: issue the new key first, roll it out, then revoke the old one. Rotate at once when someone who had it leaves.';

/** How to rotate a rule's secret: the provider's page where there is one, and what to do. */
export function rotationOf(rule: Pick<Rule, 'provider'>): { page?: string; note: string } {
  const page = ROTATION_PAGES[rule.provider];
  const kind = KEY_PAIRS.has(rule.provider) ? KIND_NOTES.key : PASSWORDS.has(rule.provider) ? KIND_NOTES.password : undefined;
  return { ...(page ? { page } : {}), note: kind ? `${kind} ${ROTATION_NOTE}` : ROTATION_NOTE };
}
