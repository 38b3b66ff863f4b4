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
// A password written with a bare `@` ends at the URL's last `@`: the host is still the local one.
const unencoded = "postgresql://app:p@ss!w0rd@postgres:5432/app"; // ok: SEC001
const unencodedShared = "postgresql://app:p@ss!w0rd@db.internal.acme.io:5432/app"; // expect: SEC001
// Every `@` before the `#`: no host follows the user info, so no URL with a password.
const encodingCase = "postgresql://app:P@ss!@#$%^&*@postgres:5432/app"; // ok: SEC001
// A default or made-up password (`secret`, `secret-password`) is the test's own input, whatever the host.
const queueUrl = "awssqs://key:secret@sqs.us-east-2.amazonaws.com/123456/orders.fifo"; // ok: SEC001
const mailUrl = "smtp://mailer:secret-password@smtp.sendgrid.net:587"; // ok: SEC001
const encodedUrl = "awssqs://key_id:secret%2B%2Faccess@sqs.eu-west-1.amazonaws.com/1/orders"; // ok: SEC001
const realMailUrl = "smtp://mailer:Vb72kQx9Lp@smtp.sendgrid.net:587"; // expect: SEC001
export { localDatabase, sharedDatabase, unencoded, unencodedShared, encodingCase, queueUrl, mailUrl, encodedUrl, realMailUrl };
