const users = [
  { userName: "admin", email: "admin@shop.test", password: "Admin_123" }, // ok: SEC001 (seed users, not app credentials)
  { userName: "ada", email: "ada@shop.test", password: "Ada_4242!" }, // ok: SEC001
];
const CHALLENGE_KEYS = ["web3SandboxChallenge", "nftMintChallenge2"]; // ok: SEC001
const ADMIN = { email: "owner@shop.test", password: "Own3r-Pa55!" }; // expect: SEC001
console.log('Usage: node reset.js "mongodb+srv://cooluser:coolpassword@cluster0.abcd.mongodb.net/shop"'); // ok: SEC001
module.exports = { users, CHALLENGE_KEYS, ADMIN };
