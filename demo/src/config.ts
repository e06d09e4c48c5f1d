// The right way: keys come from the environment. Secret Safe reports nothing here.
export const config = {
  anthropicApiKey: process.env.ANTHROPIC_API_KEY,
  databaseUrl: process.env.DATABASE_URL,
};
