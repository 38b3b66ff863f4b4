import { ConfigService } from "@nestjs/config";

export function stripeKey(config: ConfigService): string {
  // ok: SEC001 (the fallback of an env lookup is SEC002's to report)
  return config.get("STRIPE_SECRET_KEY") ?? "sk_live_ttKtxiznYRa7PSFCx4229KkXJbmvKjkb9hHT9WS2a";
}

export function webhookSecret(configService: ConfigService): string {
  // ok: SEC001
  return configService.get("STRIPE_WEBHOOK_SECRET", "whsec_Qm3N8xYvT2pLk7RsW4bZ9cFhJ6dG1eAu");
}

export const token = process.env.GITHUB_TOKEN || "ghp_R7kLm2NqX9vT4pW8sZ3bY6cH1dJ5fG0aEiUo"; // ok: SEC001

// expect: SEC001 (a fallback after a transformed read is no env fallback SEC002 reports)
export const trimmed = process.env.GITHUB_TOKEN?.trim() || requireEnv("GITHUB_TOKEN");

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
