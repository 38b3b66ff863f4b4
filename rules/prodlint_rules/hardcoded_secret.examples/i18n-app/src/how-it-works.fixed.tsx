import { Trans } from "react-i18next";

// Translation keys name a message, not a secret, whatever their shape.
export function HowItWorks() {
  return (
    <ol>
      {/* ok: SEC001 */}
      <Trans i18nKey="howItWorksStep1Title" defaults="Create a poll" />
      {/* ok: SEC001 */}
      <Trans i18nKey="resetPassword2Description" />
    </ol>
  );
}

// ok: SEC001
const translationKey = "checkoutStep2Summary";
// ok: SEC001
export const storageKey = "onboardingTour2Dismissed";
// expect: SEC001
export const encryptionKey = requireEnv("ENCRYPTION_KEY");
export { translationKey };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
