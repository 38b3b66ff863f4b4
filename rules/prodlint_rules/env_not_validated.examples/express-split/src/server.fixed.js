const app = require("./app");

function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["ADMIN_EMAIL", "MONGODB_URI"]);

const port = process.env.PORT || 3000;

app.listen(port, () => console.log(`listening on ${port}`)); // expect: SEC004
