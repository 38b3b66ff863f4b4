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
export const encryptionKey = "Zx8Qw3Lk9Pm2Rt7Vb4Nc";
export { translationKey };
