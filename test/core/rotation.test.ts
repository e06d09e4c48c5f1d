import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, RULE_ROTATION_PAGES, rotationOf, ROTATION_NOTE, ROTATION_PAGES } from '../../src/core';

describe('rotation guidance', () => {
  const providers = [...new Set(BUILTIN_RULES.map(r => r.provider))];

  it("names a provider's page only for providers the rules know, each an https page of the provider's own", () => {
    for (const provider of Object.keys(ROTATION_PAGES)) assert.ok(providers.includes(provider), `${provider} is no rule's provider`);
    const pages = providers.map(provider => [provider, rotationOf({ provider }).page] as const).filter(([, page]) => page !== undefined);
    assert.ok(pages.length >= 130, `${pages.length} providers with a page`);
    for (const [provider, page] of pages) assert.match(page!, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//, provider);
    // The AI providers first: each has its console's key page.
    for (const provider of [
      'Anthropic',
      'OpenAI',
      'Google',
      'Mistral',
      'Cohere',
      'Groq',
      'Hugging Face',
      'DeepSeek',
      'OpenRouter',
      'Together AI',
      'Fireworks AI',
      'Perplexity',
      'xAI',
      'NVIDIA',
      'Azure OpenAI',
      'Amazon Bedrock',
      'Pinecone',
      'Voyage AI',
      'AssemblyAI',
      'Tavily',
      'Firecrawl',
      'Jina AI',
      'LangSmith',
      'Langfuse',
    ]) {
      assert.ok(rotationOf({ provider }).page, provider);
    }
    assert.equal(rotationOf({ provider: 'Some Unknown Provider' }).page, undefined);
  });

  it('sends a rule to its own page where the provider rotates its kinds of secret in different places', () => {
    const ids = new Set(BUILTIN_RULES.map(r => r.id));
    for (const id of Object.keys(RULE_ROTATION_PAGES)) assert.ok(ids.has(id), `${id} is no rule`);
    const clientSecret = BUILTIN_RULES.find(r => r.id === 'azure-ad-client-secret')!;
    const storageKey = BUILTIN_RULES.find(r => r.id === 'azure-storage-account-key')!;
    assert.match(rotationOf(clientSecret).page!, /identity-platform/);
    assert.match(rotationOf({ provider: clientSecret.provider, ruleId: clientSecret.id }).page!, /identity-platform/);
    assert.match(rotationOf(storageKey).page!, /storage-account-keys-manage/);
  });

  it('says how to rotate what has no console: key pairs and passwords, and always the leak and schedule steps', () => {
    assert.match(rotationOf({ provider: 'PEM' }).note, /^Make a new key pair, put its public half everywhere the old one was trusted/);
    assert.match(rotationOf({ provider: 'PostgreSQL' }).note, /^Change the account's password on the server/);
    for (const provider of providers) assert.ok(rotationOf({ provider }).note.endsWith(ROTATION_NOTE), provider);
    assert.match(ROTATION_NOTE, /revoke it now.*issue the new key first, roll it out, then revoke the old one.*someone who had it leaves/);
  });
});
