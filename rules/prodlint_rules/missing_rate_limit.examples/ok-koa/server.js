const Koa = require("koa");
const ratelimit = require("koa-ratelimit");

const app = new Koa(); // ok: RATE001
app.use(ratelimit({ driver: "memory", db: new Map(), duration: 60000, max: 100 }));
app.use((ctx) => { if (ctx.method === "POST") ctx.status = 201; });
app.listen(3000);
