import { describe, it, expect } from "vitest";
import { createCheckout } from "../src/checkout";

const STRIPE_KEY = "sk_test_51Jq8ZbT4nW2vX9kLmP3rQ7sY"; // expect: SEC001 (reported one severity lower in tests)
const password = "hunter2-but-longer"; // ok: SEC001 (a fixture password in a test)
const user = { email: "a@b.co", password: "Sup3r-S3cret!" }; // ok: SEC001

describe("checkout", () => {
  it("creates a session", async () => {
    const session = await createCheckout(STRIPE_KEY, user, password);
    expect(session.url).toContain("checkout.stripe.com");
  });
});

// A test's URL to a local host is the test's own database; one to another host is a leak.
const localDatabase = "mongodb://myUser:myPassw0rd@localhost:1234/parse"; // ok: SEC001
const sharedDatabase = "postgres://app:Zq8vLr2Kp9@db.internal.acme.io/app"; // expect: SEC001
export { localDatabase, sharedDatabase };
