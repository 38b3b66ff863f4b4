const { Pool } = require("pg");

// Short and dictionary passwords are real passwords, whatever the host.
// expect: SEC001
const pool = new Pool({ connectionString: "postgres://admin:admin@db.internal:5432/shop" });
// expect: SEC001
const reports = new Pool({ connectionString: "mysql://root:root@localhost:3306/reports" });
// expect: SEC001
const cache = "redis://default:123qwe@cache:6379";
// expect: SEC001
const queue = "amqp://guest:secret@rabbit.prod.local:5672";
// A bare `@` in the password: the user info runs to the last `@`.
// expect: SEC001
const mail = "smtp://mailer:p@ss!w0rd@smtp.acme.io:587";

// Only clear placeholders are spared.
// ok: SEC001
const doc1 = "postgres://user:<password>@host:5432/db";
// ok: SEC001
const doc2 = "postgres://user:${DB_PASSWORD}@host:5432/db";
// ok: SEC001
const doc3 = "postgres://user:password@host:5432/db";
// ok: SEC001
const doc4 = "mongodb://app:changeme@mongo:27017/app";
// ok: SEC001
const doc5 = "redis://:xxxx@cache:6379";
// ok: SEC001
const doc6 = "amqp://app:****@rabbit:5672";

// A host reserved for examples and tests (RFC 2606) serves no one: its password is no credential.
// ok: SEC001
const doc7 = "https://u:Zx81Lq0@api.example.com/v1";
// ok: SEC001
const doc8 = "postgres://app:k29Dxq@db.shop.test/app";

module.exports = { pool, reports, cache, queue, mail, doc1, doc2, doc3, doc4, doc5, doc6, doc7, doc8 };
