// A Create React App package is built for the browser: its API client is not a server's outbound call
import axios from "axios";

// ok: NET001
const api = axios.create({
  baseURL: "/api",
  headers: { "Content-Type": "application/json" },
});

export default api;
