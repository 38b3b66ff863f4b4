// Keys their providers publish to every browser that loads the SDK: no secret.
export const POSTHOG_API_KEY = "phc_Q7rT2xLm9VbN4kZp8WcY3sJd6FhG1aE5uRoI0tXy"; // ok: SEC001
export const mapbox = { accessToken: "pk.eyJ1IjoiYWNtZSIsImEiOiJjazEyMzQ1Njc4OTBhYmNkZWYifQ.Zx8Qw3Lk9Pm2Rt7Vb4NcYw" }; // ok: SEC001
