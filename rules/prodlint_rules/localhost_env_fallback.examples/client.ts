export const api = import.meta.env.VITE_API_URL || "http://localhost:8080/api"; // expect: URL002
export const ws: string = import.meta.env.VITE_WS_URL ?? `ws://localhost:8081`; // expect: URL002
