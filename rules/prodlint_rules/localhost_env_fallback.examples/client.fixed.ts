export const api = import.meta.env.VITE_API_URL; // expect: URL002
export const ws: string = import.meta.env.VITE_WS_URL; // expect: URL002
