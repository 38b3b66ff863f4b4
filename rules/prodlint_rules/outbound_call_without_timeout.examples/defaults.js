import axios from "axios";
import express from "express";

axios.defaults.timeout = 8000;
const app = express();

app.get("/weather", async (req, res) => {
  const { data } = await axios.get(process.env.WEATHER_URL); // ok: NET001
  res.json(data);
});
