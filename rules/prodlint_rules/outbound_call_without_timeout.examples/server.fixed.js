const express = require("express");
const axios = require("axios");

const app = express();
const api = axios.create({ baseURL: process.env.PAYMENTS_URL, timeout: 10_000 }); // expect: NET001
const search = axios.create({ // expect: NET001
  baseURL: process.env.SEARCH_URL,
  headers: { "x-api-key": process.env.SEARCH_KEY }, // the search service key
  timeout: 10_000,
});
const tuned = axios.create({ baseURL: process.env.TUNED_URL, timeout: 5000 }); // ok: NET001

app.get("/rates", async (req, res) => {
  const { data } = await axios.get(`${process.env.RATES_URL}/today`, { timeout: 10_000 }); // expect: NET001
  const quote = await fetch(`${process.env.QUOTES_URL}/latest`, { signal: AbortSignal.timeout(10_000) }); // expect: NET001
  const posted = await fetch(process.env.HOOK_URL, { method: "POST", body: JSON.stringify(data), signal: AbortSignal.timeout(10_000) }); // expect: NET001
  await axios.post(process.env.AUDIT_URL, { user: req.user }, { timeout: 10_000 }); // expect: NET001
  await axios.get(process.env.RATES_URL, { timeout: 3000 }); // ok: NET001
  await fetch(process.env.QUOTES_URL, { signal: AbortSignal.timeout(5000) }); // ok: NET001
  await fetch("/internal/relative"); // ok: NET001
  await api.get("/charges"); // ok: NET001
  const options = { method: "POST" };
  await fetch(process.env.HOOK_URL, options); // ok: NET001
  res.json({ data, quote: await quote.json(), posted: posted.ok, tuned, search });
});

app.listen(process.env.PORT);
