export const ca = {
  password: "Contrasenya", // ok: SEC001
  token: "testimoni", // ok: SEC001
  apiKey: "ClauAPI2024x", // ok: SEC001
};
