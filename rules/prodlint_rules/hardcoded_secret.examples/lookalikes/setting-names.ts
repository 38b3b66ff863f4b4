// The names of settings a form saves, not their values: a list of keys holds no secret.
export const oauth2Keys = [
  "mailer_smtp_oauth2_user", // ok: SEC001
  "mailer_smtp_oauth2_client_secret", // ok: SEC001
  "mailer_smtp_oauth2_refresh_token", // ok: SEC001
];
